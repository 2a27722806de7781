export function PageLoading({ label }: { label: string }) {
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

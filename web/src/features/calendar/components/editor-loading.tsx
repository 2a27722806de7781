import { useTranslation } from 'react-i18next';

/** "Loading…" with a spinner, announced politely: the editor, its form and its tabs while they load. */
export function EditorLoading({ className = 'muted' }: { className?: string }) {
  const { t } = useTranslation('calendar');
  return (
    <p className={className} role="status">
      <span className="spinner" aria-hidden="true" /> {t('editor.loading')}
    </p>
  );
}

/** The standard unread badge: hidden at 0, "99+" beyond 99. */
export function formatUnreadCount(count: number): string {
  return count > 99 ? '99+' : String(count);
}

export function UnreadBadge({ count }: { count: number | undefined }) {
  if (!count || count <= 0) return null;
  // The number is part of the button's accessible name; the badge itself is visual.
  return (
    <span className="unread-badge" aria-hidden="true" data-testid="unread-badge">
      {formatUnreadCount(count)}
    </span>
  );
}

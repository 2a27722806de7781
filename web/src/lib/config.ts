/**
 * Configuration defaults of the web app, in one place. Build-time values come
 * from Vite's `import.meta.env` (see README: VITE_OIDC_AUTHORITY, VITE_OIDC_CLIENT_ID).
 */
export const config = {
  oidcAuthority: import.meta.env.VITE_OIDC_AUTHORITY ?? 'http://127.0.0.1:8180/realms/shop',
  oidcClientId: import.meta.env.VITE_OIDC_CLIENT_ID ?? 'shop-web',
  /** How often the unread count is polled while the live stream is down. */
  unreadPollIntervalMs: 15_000,
  /** How long to wait before reconnecting the live unread-count stream. */
  unreadStreamRetryMs: 5_000,
} as const;

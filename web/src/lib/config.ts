/**
 * Configuration defaults of the web app, in one place. The sign-in settings are
 * taken, in this order, from the page (a `<meta name="promo:…">` that the
 * production web server writes into index.html from its environment, see
 * web/deploy/default.conf.template), from the build (Vite's `import.meta.env`,
 * see README: VITE_OIDC_AUTHORITY, VITE_OIDC_CLIENT_ID), else the local stack's.
 */
function fromPage(name: string): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="promo:${name}"]`)?.content || undefined;
}

export const config = {
  oidcAuthority:
    fromPage('oidc-authority') ?? import.meta.env.VITE_OIDC_AUTHORITY ?? 'http://127.0.0.1:8180/realms/shop',
  oidcClientId: fromPage('oidc-client-id') ?? import.meta.env.VITE_OIDC_CLIENT_ID ?? 'shop-web',
  /** How often the unread count is polled while the live stream is down. */
  unreadPollIntervalMs: 15_000,
  /** How long to wait before reconnecting the live unread-count stream. */
  unreadStreamRetryMs: 5_000,
} as const;

import { afterEach, describe, expect, it, vi } from 'vitest';

/** The page's settings are read when the module loads, so each case loads it afresh. */
async function loadConfig() {
  vi.resetModules();
  return (await import('./config')).config;
}

function addMeta(name: string, content: string) {
  const meta = document.createElement('meta');
  meta.name = name;
  meta.content = content;
  document.head.append(meta);
}

describe('config', () => {
  afterEach(() => {
    document.head.querySelectorAll('meta[name^="promo:"]').forEach((meta) => meta.remove());
  });

  it('takes the sign-in settings the web server wrote into the page', async () => {
    addMeta('promo:oidc-authority', 'https://auth.shop.example/realms/shop');
    addMeta('promo:oidc-client-id', 'shop-web-prod');
    const config = await loadConfig();
    expect(config.oidcAuthority).toBe('https://auth.shop.example/realms/shop');
    expect(config.oidcClientId).toBe('shop-web-prod');
  });

  it('falls back to the build settings when the page has none (the dev server)', async () => {
    const config = await loadConfig();
    expect(config.oidcAuthority).toBe(import.meta.env.VITE_OIDC_AUTHORITY ?? 'http://127.0.0.1:8180/realms/shop');
    expect(config.oidcClientId).toBe(import.meta.env.VITE_OIDC_CLIENT_ID ?? 'shop-web');
  });

  it('ignores an empty setting', async () => {
    addMeta('promo:oidc-authority', '');
    const config = await loadConfig();
    expect(config.oidcAuthority).toBe(import.meta.env.VITE_OIDC_AUTHORITY ?? 'http://127.0.0.1:8180/realms/shop');
  });
});

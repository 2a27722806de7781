/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Where the services listen (deploy/local/lib.sh exports these; contracts.md defaults).
const calendarUrl = process.env.CALENDAR_URL ?? 'http://127.0.0.1:8081';
const inboxUrl = process.env.INBOX_URL ?? 'http://127.0.0.1:8082';
const inventoryUrl = process.env.INVENTORY_URL ?? 'http://127.0.0.1:8083';
const port = Number(process.env.WEB_PORT ?? 5173);

// One table for the dev server and `vite preview`: the app only ever calls relative /api/...
const proxy: Record<string, ProxyOptions> = {
  '/api/promotions': { target: calendarUrl },
  '/api/products': { target: calendarUrl },
  // The product page's public read (no token needed): the signed-in customer's
  // credentials are none of the inventory's business, so they are not passed on.
  '/api/public/products': {
    target: inventoryUrl,
    configure: (proxy) =>
      proxy.on('proxyReq', (upstream) => {
        upstream.removeHeader('authorization');
        upstream.removeHeader('cookie');
      }),
  },
  '/api/inbox': {
    target: inboxUrl,
    // Server-sent events must stream through the proxy: ask the upstream for an
    // uncompressed body so nothing on the way buffers it.
    headers: { 'accept-encoding': 'identity' },
  },
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1', port, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port, strictPort: true, proxy },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    // dist/.vite/manifest.json: which chunks each lazy route loads (scripts/bundle-size.mjs)
    manifest: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    testTimeout: 20_000,
  },
});

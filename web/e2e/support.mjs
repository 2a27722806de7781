// Shared pieces of the browser end-to-end tests: the browser (Debian's
// Chromium through playwright-core), the real Keycloak sign-in, and direct
// calls to the services for setting up data and cleaning up.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const env = {
  web: process.env.WEB_URL ?? 'http://127.0.0.1:5173',
  keycloak: process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8180',
  realm: process.env.KEYCLOAK_REALM ?? 'shop',
  inbox: process.env.INBOX_URL ?? 'http://127.0.0.1:8082',
  calendar: process.env.CALENDAR_URL ?? 'http://127.0.0.1:8081',
  inventory: process.env.INVENTORY_URL ?? 'http://127.0.0.1:8083',
};

export const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });

/** A run id that makes this run's data unique (titles, idempotency keys). */
export const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A laptop-sized page in a fresh context (its own session storage); the browser's language is
 * `locale` and its time zone `timezoneId` (Berlin unless a test needs another).
 */
export async function newPage(browser, viewport = { width: 1366, height: 860 }, { locale = 'en-GB', timezoneId = 'Europe/Berlin' } = {}) {
  const context = await browser.newContext({ viewport, locale, timezoneId });
  return context.newPage();
}

/** The app's sign-in and logout buttons in each language it speaks. */
const authLabels = { en: { signIn: 'Sign in', logout: 'Logout' }, de: { signIn: 'Anmelden', logout: 'Abmelden' } };

/** Signs in through the app's button and the real Keycloak login page; `language` is the app's UI language. */
export async function signIn(page, username, password = username, { language = 'en' } = {}) {
  const labels = authLabels[language];
  await page.goto(`${env.web}/`);
  await page.getByRole('button', { name: labels.signIn }).click();
  await page.waitForURL((url) => url.href.startsWith(`${env.keycloak}/realms/${env.realm}/`));
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.href.startsWith(env.web) && !url.search.includes('code='));
  await page.getByRole('button', { name: labels.logout }).waitFor();
}

const tokenUrl = () => `${env.keycloak}/realms/${env.realm}/protocol/openid-connect/token`;

async function token(form) {
  const response = await fetch(tokenUrl(), { method: 'POST', body: new URLSearchParams(form) });
  if (!response.ok) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return (await response.json()).access_token;
}

/** A real user token through the tests-only client `dev-test-login` (password grant). */
export const userToken = (username) =>
  token({ grant_type: 'password', client_id: 'dev-test-login', client_secret: 'dev-test-secret', username, password: username, scope: 'openid' });

/** A service-account token (client credentials). */
export const clientToken = (clientId, secret) => token({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });

export function jwtClaims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

export async function callApi(url, { token: bearer, method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(url, {
    method,
    headers: {
      Accept: 'application/json',
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  return { status: response.status, data };
}

export async function screenshot(page, name) {
  const path = `${resultsDir}${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}

const require = createRequire(import.meta.url);

/** The WCAG 2.0 and 2.1 A and AA rules (axe-core tags); best practices are not asked. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core in the page on `context` (an axe context: a selector, or
 * `{ include: [...], exclude: [...] }`; the whole document by default) and
 * fails with one line per violation and offending node: rule id, impact,
 * target and axe's summary of what to fix. `rules` runs only those rule ids
 * instead of all the WCAG-tagged ones. The script is injected from the npm
 * package, so nothing is fetched from a CDN.
 */
export async function expectNoAxeViolations(page, context = { include: ['body'] }, { label = page.url(), rules } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: require.resolve('axe-core') });
  }
  const results = await page.evaluate(
    ([ctx, tags, only]) =>
      window.axe.run(ctx, { runOnly: only ? { type: 'rule', values: only } : { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    [context, axeTags, rules],
  );
  const lines = results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id} (${violation.impact}) ${JSON.stringify(node.target)}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}`,
    ),
  );
  if (lines.length > 0) {
    for (const line of lines) console.log(`axe: ${line}`);
    throw new Error(`axe found ${results.violations.length} violation(s) in ${label}:\n  ${lines.join('\n  ')}`);
  }
}

/** A promotion as the calendar answers it (the representation may come wrapped with its warnings). */
const promotionOf = (data) => data?.promotion ?? data;

/**
 * Every promotion whose title starts with `titlePrefix`, of any time (the
 * calendar's search: title substring, newest first, page after page).
 */
export async function findPromotions(token, titlePrefix) {
  const found = [];
  let cursor = '';
  do {
    const params = new URLSearchParams({ q: titlePrefix.trim() });
    if (cursor) params.set('cursor', cursor);
    const { status, data } = await callApi(`${env.calendar}/api/promotions/search?${params}`, { token });
    assert.equal(status, 200, `the search for "${titlePrefix}" answers: ${JSON.stringify(data)}`);
    found.push(...data.items.filter((promotion) => promotion.title.startsWith(titlePrefix)));
    cursor = data.nextCursor ?? '';
  } while (cursor);
  return found;
}

/**
 * Leaves nothing of a test file on the shared stack: unpublishes (if published)
 * and deletes every promotion whose title starts with `titlePrefix` — this
 * run's and any an interrupted run left — wherever in time it is.
 */
export async function removePromotions(titlePrefix) {
  const token = await userToken('admin');
  for (const promotion of await findPromotions(token, titlePrefix)) {
    let version = promotion.version;
    if (promotion.status === 'PUBLISHED') {
      const unpublished = await callApi(`${env.calendar}/api/promotions/${promotion.id}/unpublish`, {
        token,
        method: 'POST',
        headers: { 'If-Match': String(version) },
      });
      assert.ok(unpublished.status < 300, `promotion ${promotion.id} unpublished (${unpublished.status})`);
      version = promotionOf(unpublished.data)?.version ?? version + 1;
    }
    const removed = await callApi(`${env.calendar}/api/promotions/${promotion.id}`, {
      token,
      method: 'DELETE',
      headers: { 'If-Match': String(version) },
    });
    assert.ok(removed.status < 300, `promotion ${promotion.id} removed (${removed.status})`);
  }
}

/**
 * A draft made through the calendar's API with one product of the inventory
 * (`fields` override title, zone and times); returns the stored promotion.
 */
export async function createDraft(token, fields) {
  const products = await callApi(`${env.calendar}/api/products?query=coffee`, { token });
  assert.equal(products.status, 200, 'the product search answers');
  const product = products.data[0];
  const created = await callApi(`${env.calendar}/api/promotions`, {
    token,
    method: 'POST',
    body: {
      timeZone: 'UTC',
      dailySendTime: null,
      package: {
        name: 'E2E package',
        discountPercent: 10,
        message: 'Hi {{firstName}}',
        products: [{ ...product, promoPriceCents: Math.round(product.priceCents * 0.9) }],
      },
      ...fields,
    },
  });
  assert.equal(created.status, 201, `created: ${JSON.stringify(created.data)}`);
  return promotionOf(created.data);
}

/** `POST …/publish` or `…/unpublish` with the promotion's version; returns the stored promotion. */
export async function transition(token, promotion, action) {
  const { status, data } = await callApi(`${env.calendar}/api/promotions/${promotion.id}/${action}`, {
    token,
    method: 'POST',
    headers: { 'If-Match': String(promotion.version) },
  });
  assert.equal(status, 200, `${action}: ${JSON.stringify(data)}`);
  return promotionOf(data);
}

const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * The calendar's bar(s) of the promotion titled exactly `title` (optionally in `state`): by its
 * own title, never another promotion's bar whose overlap note names it.
 */
export const promotionEvent = (page, title, state) =>
  page.locator(state ? `.fc-event.promo-state-${state}` : '.fc-event', {
    has: page.locator('.promo-event-title', { hasText: exactly(title) }),
  });

/** The list view's row of the promotion titled exactly `title`. */
export const promotionRow = (page, title) =>
  page
    .getByRole('list', { name: 'Promotions by start' })
    .getByRole('listitem')
    .filter({ has: page.locator('.promotion-row-title', { hasText: exactly(title) }) });

// A customer signs in, sees the unread badge, opens a message, the badge goes
// down; the Inbox item sits directly left of Logout; the calendar is out of reach.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { callApi, clientToken, env, jwtClaims, launchBrowser, newPage, resultsDir, runId, screenshot, signIn, userToken } from './support.mjs';

const CUSTOMER = 'bob';

/** Puts messages into the customer's inbox the way the fan-out job does: the internal batch endpoint. */
async function deliverMessages(recipientId) {
  const { data: products } = await callApi(`${env.inventory}/products?query=&limit=3`);
  assert.ok(Array.isArray(products) && products.length > 0, 'the inventory lists products');
  const packageProducts = products.slice(0, 3).map((p) => ({ ...p, promoPriceCents: Math.round(p.priceCents * 0.8) }));
  const day = new Date().toISOString().slice(0, 10);
  const expiresAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
  // one promotion day per batch (contracts.md), so two promotions are two batches
  const batches = [1, 2].map((n) => ({
    promotionId: `e2e-${runId}-${n}`,
    day,
    dayNumber: 1,
    dayCount: 3,
    subject: `E2E deal ${runId} #${n}`,
    expiresAt,
    products: packageProducts,
    messages: [{
      idempotencyKey: `e2e-${runId}-${n}/${day}/${recipientId}`,
      recipientId,
      body: `Hi Bob,\n<b>20% off</b> on our picks & more. Day 1, 2 days left.`,
    }],
  }));
  const job = await clientToken('promo-job', 'promo-job-secret');
  for (const batch of batches) {
    const result = await callApi(`${env.inbox}/api/internal/inbox/messages:batch`, { token: job, method: 'POST', body: batch });
    assert.equal(result.status, 200, `batch insert answered ${result.status}: ${JSON.stringify(result.data)}`);
    assert.equal(result.data.inserted, 1, JSON.stringify(result.data));
  }
  return batches;
}

const badgeName = (count) => (count > 0 ? `Inbox, ${count} unread` : 'Inbox');

/**
 * When the Inbox item first names `count`, in milliseconds since the document's
 * navigation started; and since the sign-in finished (the token response), if
 * this page load signed in.
 */
async function timeUntilBadge(page, count) {
  const handle = await page.waitForFunction(
    (expected) => {
      const button = [...document.querySelectorAll('header button')].find((b) => b.textContent?.includes('Inbox'));
      return button?.getAttribute('aria-label') === expected ? performance.now() : false;
    },
    badgeName(count),
    { timeout: 15_000, polling: 'raf' },
  );
  const shownAt = await handle.jsonValue();
  const signedInAt = await page.evaluate(
    () => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/protocol/openid-connect/token'))?.responseEnd,
  );
  return {
    sinceNavigationMs: Math.round(shownAt),
    sinceSignInMs: signedInAt === undefined ? undefined : Math.round(shownAt - signedInAt),
  };
}

describe('customer', () => {
  let browser;
  let page;
  let customerToken;
  let delivered;

  before(async () => {
    customerToken = await userToken(CUSTOMER);
    delivered = await deliverMessages(jwtClaims(customerToken).sub);
    browser = await launchBrowser();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
    // Archive this run's messages so runs do not pile up in the customer's inbox.
    const { data } = await callApi(`${env.inbox}/api/inbox/messages?limit=100`, { token: customerToken });
    for (const message of data?.items ?? []) {
      if (message.promotionId?.startsWith(`e2e-${runId}-`)) {
        await callApi(`${env.inbox}/api/inbox/messages/${message.id}`, { token: customerToken, method: 'DELETE' });
      }
    }
  });

  it('sees the unread badge right after signing in, with Inbox directly left of Logout', async () => {
    const { data } = await callApi(`${env.inbox}/api/inbox/unread-count`, { token: customerToken });
    const expected = data.count;
    assert.ok(expected >= 2);

    await signIn(page, CUSTOMER);
    const afterSignIn = await timeUntilBadge(page, expected);
    await page.reload();
    const afterReload = await timeUntilBadge(page, expected);
    writeFileSync(`${resultsDir}badge-latency.json`, JSON.stringify({ expected, afterSignIn, afterReload }, null, 2));
    console.log(
      `badge latency: ${afterSignIn.sinceSignInMs} ms after the sign-in finished (token response), ` +
        `${afterSignIn.sinceNavigationMs} ms after the login form was submitted, ${afterReload.sinceNavigationMs} ms after a reload`,
    );

    const inbox = page.getByRole('button', { name: badgeName(expected) });
    const badge = inbox.getByTestId('unread-badge');
    assert.equal(await badge.textContent(), expected > 99 ? '99+' : String(expected));

    const inboxBox = await inbox.boundingBox();
    const logoutBox = await page.getByRole('button', { name: 'Logout' }).boundingBox();
    assert.ok(inboxBox && logoutBox);
    assert.ok(inboxBox.x + inboxBox.width <= logoutBox.x, 'Inbox ends before Logout starts');
    assert.ok(logoutBox.x - (inboxBox.x + inboxBox.width) < 24, 'nothing fits between Inbox and Logout');
    assert.ok(Math.abs(inboxBox.y + inboxBox.height / 2 - (logoutBox.y + logoutBox.height / 2)) < 4, 'same row');
  });

  it('opens a message from the dropdown, sees its products, and the badge goes down', async () => {
    const { data } = await callApi(`${env.inbox}/api/inbox/unread-count`, { token: customerToken });
    const before = data.count;
    await page.getByRole('button', { name: badgeName(before) }).click();
    const dropdown = page.getByRole('region', { name: 'Latest messages' });
    await dropdown.getByRole('link', { name: new RegExp(delivered[1].subject) }).waitFor();
    await screenshot(page, 'inbox-dropdown');
    await dropdown.getByRole('link', { name: new RegExp(`Unread: ${delivered[1].subject}`) }).click();

    await page.getByRole('heading', { level: 2, name: delivered[1].subject }).waitFor();
    await page.getByRole('button', { name: badgeName(before - 1) }).waitFor();
    // Message text is shown as text: the markup in it is visible, not applied.
    const body = page.getByRole('article').locator('.message-detail-body');
    assert.match(await body.textContent(), /<b>20% off<\/b> on our picks & more/);
    assert.equal(await body.locator('b').count(), 0);
    const products = page.getByRole('region', { name: 'Products in this promotion' });
    assert.equal(await products.getByRole('listitem').count(), delivered[1].products.length);
    await products.getByRole('img').first().waitFor();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await screenshot(page, 'inbox');

    await page.setViewportSize({ width: 820, height: 1100 });
    await screenshot(page, 'inbox-tablet');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at tablet width (overflow ${overflow}px)`);
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('cannot reach the Event Calendar', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Event Calendar' }).count(), 0);
    await page.goto(`${env.web}/calendar`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    assert.equal(await page.locator('.fc').count(), 0);
    const direct = await callApi(`${env.calendar}/api/promotions`, { token: customerToken });
    assert.equal(direct.status, 403);
  });

  it('logs out of Keycloak too: signing in again asks for the password', async () => {
    await page.getByRole('button', { name: 'Logout' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.ok(page.url().startsWith(env.web), 'back on the app after the end-session redirect');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(env.keycloak));
    await page.locator('#password').waitFor();
  });
});

// A customer signs in, sees the unread badge, opens a promotion's thread from
// the dropdown, the badge goes down; the Inbox item sits directly left of
// Logout; the calendar is out of reach. (Threads, views, actions, phone and
// German: inbox-threads.test.mjs.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { callApi, env, expectNoAxeViolations, jwtClaims, launchBrowser, newPage, resultsDir, runId, screenshot, signIn, userToken } from './support.mjs';
import { badgeName, cleanUp, dayFromToday, deliverDay, escapeRegExp, packagedProducts } from './inbox-delivery.mjs';

const CUSTOMER = 'bob';

/** Two promotions' first day into the customer's inbox, the way the fan-out job does it. */
async function deliverMessages(recipientId) {
  const products = await packagedProducts(3);
  const delivered = [];
  for (const n of [1, 2]) {
    const promotion = {
      promotionId: `e2e-${runId}-${n}`,
      title: `E2E deal ${runId} #${n}`,
      dayNumber: 1,
      dayCount: 3,
      day: dayFromToday(0),
      expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      products,
    };
    const result = await deliverDay({
      ...promotion,
      recipients: [{ id: recipientId, body: `Hi Bob,\n<b>20% off</b> on our picks & more. Day 1, 2 days left.` }],
    });
    assert.equal(result.inserted, 1, JSON.stringify(result));
    delivered.push(promotion);
  }
  return delivered;
}

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
    // Archive this run's threads so runs do not pile up in the customer's inbox.
    await cleanUp(customerToken, delivered?.map((promotion) => promotion.promotionId) ?? []);
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

    const inbox = page.getByRole('button', { name: badgeName(expected), exact: true });
    const badge = inbox.getByTestId('unread-badge');
    assert.equal(await badge.textContent(), expected > 99 ? '99+' : String(expected));

    const inboxBox = await inbox.boundingBox();
    const logoutBox = await page.getByRole('button', { name: 'Logout' }).boundingBox();
    assert.ok(inboxBox && logoutBox);
    assert.ok(inboxBox.x + inboxBox.width <= logoutBox.x, 'Inbox ends before Logout starts');
    assert.ok(logoutBox.x - (inboxBox.x + inboxBox.width) < 24, 'nothing fits between Inbox and Logout');
    assert.ok(Math.abs(inboxBox.y + inboxBox.height / 2 - (logoutBox.y + logoutBox.height / 2)) < 4, 'same row');
  });

  it('opens a promotion from the dropdown, sees its products, and the badge goes down', async () => {
    const { data } = await callApi(`${env.inbox}/api/inbox/unread-count`, { token: customerToken });
    const before = data.count;
    await page.getByRole('button', { name: badgeName(before), exact: true }).click();
    const dropdown = page.getByRole('dialog', { name: 'Inbox' });
    // One row per promotion; its name is the title the UI writes, not the message's body.
    const row = dropdown.getByRole('link', { name: new RegExp(`^${escapeRegExp(delivered[1].title)}, Day 1 of 3 · Ends `) });
    await row.waitFor();
    assert.doesNotMatch(await row.getAttribute('aria-label'), /20% off/);
    await screenshot(page, 'inbox-dropdown');
    await expectNoAxeViolations(page, '.inbox-dropdown', { label: 'the Inbox dropdown' });
    await row.click();

    await page.getByRole('heading', { level: 2, name: delivered[1].title, exact: true }).waitFor();
    await page.getByRole('button', { name: badgeName(before - 1), exact: true }).waitFor();
    // Message text is shown as text: the markup in it is visible, not applied.
    const body = page.getByRole('article').locator('.message-body').first();
    assert.match(await body.textContent(), /<b>20% off<\/b> on our picks & more/);
    assert.equal(await body.locator('b').count(), 0);
    const products = page.getByRole('list', { name: 'Products in this promotion' });
    assert.equal(await products.getByRole('listitem').count(), delivered[1].products.length);
    // A product of this shop opens its page here, naming the message (for its promotion price).
    const view = products.getByRole('link', { name: new RegExp(`^View product ${escapeRegExp(delivered[1].products[0].name)}`) });
    assert.match(await view.getAttribute('href'), /^\/products\/[^?]+\?message=\d+$/);
    await products.getByRole('img').first().waitFor();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await screenshot(page, 'inbox');
    await expectNoAxeViolations(page, 'main', { label: 'an opened promotion' });

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

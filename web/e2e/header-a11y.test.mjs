// The header on every signed-in page, for a customer and for the admin: no axe
// violations (WCAG 2.0/2.1 A and AA) at desktop and phone widths, with the
// menu closed and open; from 360 px up Inbox and Logout stay on screen with
// Inbox directly left of Logout; the Menu disclosure works from the keyboard.
// Only the header is checked here: the pages below have their own tests.
// Each user gets one unread promotion day first, so the header is at its
// widest (the badge shows) and checked the same way on every run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, clientToken, env, expectNoAxeViolations, jwtClaims, launchBrowser, newPage, runId, screenshot, signIn, userToken } from './support.mjs';

const HEADER = { include: ['header'] };

/** One unread promotion day for `username`, put in the way the fan-out job does (internal batch endpoint). */
async function deliverUnreadDay(username, tag = 'en') {
  const recipientId = jwtClaims(await userToken(username)).sub;
  const { data: products } = await callApi(`${env.inventory}/products?query=&limit=1`);
  assert.ok(Array.isArray(products) && products.length > 0, 'the inventory lists products');
  const promotionId = `e2e-header-${runId}-${username}-${tag}`;
  const day = new Date().toISOString().slice(0, 10);
  const batch = {
    promotionId,
    day,
    dayNumber: 1,
    dayCount: 2,
    subject: `Header check ${runId} – day 1 of 2`,
    expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    products: products.map((p) => ({ ...p, promoPriceCents: Math.round(p.priceCents * 0.8) })),
    messages: [{ idempotencyKey: `${promotionId}/${day}/${recipientId}`, recipientId, body: 'A message for the header check.' }],
  };
  const job = await clientToken('promo-job', 'promo-job-secret');
  const result = await callApi(`${env.inbox}/api/internal/inbox/messages:batch`, { token: job, method: 'POST', body: batch });
  assert.equal(result.status, 200, `batch answered ${result.status}: ${JSON.stringify(result.data)}`);
  return promotionId;
}

/** Archives the user's thread of that promotion again (best effort: nothing of a run should pile up). */
async function archiveDay(username, promotionId) {
  const token = await userToken(username);
  const { status, data } = await callApi(`${env.inbox}/api/inbox/promotions/${encodeURIComponent(promotionId)}/messages`, { token });
  if (status === 200 && data?.items?.length > 0) {
    await callApi(`${env.inbox}/api/inbox/messages/${data.items[0].id}`, { token, method: 'DELETE' });
  }
}

/** Waits until the Inbox button names an unread count (the badge is on screen). */
const waitForBadge = (page) =>
  page.getByRole('banner').getByRole('button', { name: /^(Inbox|Posteingang), \d+ (unread|ungelesen)$/ }).waitFor();

/** The Inbox and Logout buttons' boxes, and the page's width. */
async function headerActions(page, logoutLabel) {
  const banner = page.getByRole('banner');
  const inbox = await banner.getByRole('button', { name: /^(Inbox|Posteingang)/ }).boundingBox();
  const logout = await banner.getByRole('button', { name: logoutLabel }).boundingBox();
  const width = page.viewportSize().width;
  return { inbox, logout, width };
}

async function expectInboxLeftOfLogout(page, logoutLabel = 'Logout') {
  const { inbox, logout, width } = await headerActions(page, logoutLabel);
  assert.ok(inbox && logout, `Inbox and Logout are rendered at ${width} px`);
  for (const [name, box] of [['Inbox', inbox], ['Logout', logout]]) {
    assert.ok(box.x >= 0 && box.x + box.width <= width, `${name} is inside the ${width} px viewport (x ${box.x}, width ${box.width})`);
  }
  assert.ok(inbox.x + inbox.width <= logout.x, `Inbox (right edge ${inbox.x + inbox.width}) is left of Logout (left edge ${logout.x}) at ${width} px`);
  assert.ok(Math.abs(inbox.y + inbox.height / 2 - (logout.y + logout.height / 2)) < 2, `Inbox and Logout share a line at ${width} px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at ${width} px (overflow ${overflow}px)`);
}

for (const { user, isAdmin } of [
  { user: 'alice', isAdmin: false },
  { user: 'admin', isAdmin: true },
]) {
  describe(`header for ${user}`, () => {
    let browser;
    let page;
    let promotionId;

    before(async () => {
      promotionId = await deliverUnreadDay(user);
      browser = await launchBrowser();
      page = await newPage(browser, { width: 1280, height: 800 });
      await signIn(page, user);
      await waitForBadge(page);
    });
    after(async () => {
      await browser?.close();
      if (promotionId) await archiveDay(user, promotionId);
    });

    it('passes axe at 1280 px with the navigation inline', async () => {
      const navigation = page.getByRole('navigation', { name: 'Main' });
      await navigation.getByRole('link', { name: 'Home' }).waitFor();
      assert.equal(await navigation.getByRole('link', { name: 'Event Calendar' }).count(), isAdmin ? 1 : 0);
      assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), false, 'no Menu button on a wide screen');
      await screenshot(page, `header-${user}-1280`);
      await expectInboxLeftOfLogout(page);
      await expectNoAxeViolations(page, HEADER, { label: `${user}'s header at 1280 px` });
    });

    for (const width of [390, 360]) {
      it(`keeps Inbox and Logout visible, in order, at ${width} px`, async () => {
        await page.setViewportSize({ width, height: 760 });
        await page.getByRole('button', { name: 'Menu' }).waitFor();
        await expectInboxLeftOfLogout(page);
        await screenshot(page, `header-${user}-${width}`);
      });
    }

    it('folds the navigation into a Menu button at 360 px that works from the keyboard', async () => {
      await page.setViewportSize({ width: 360, height: 760 });
      const menu = page.getByRole('button', { name: 'Menu' });
      const navigation = page.getByRole('navigation', { name: 'Main' });
      assert.equal(await navigation.isVisible(), false, 'the navigation is folded away');

      await menu.focus();
      await page.keyboard.press('Enter');
      assert.equal(await menu.getAttribute('aria-expanded'), 'true');
      const home = navigation.getByRole('link', { name: 'Home' });
      await home.waitFor();
      await page.keyboard.press('Tab');
      assert.ok(await home.evaluate((link) => link === document.activeElement), 'Tab moves from the Menu button to the first link');
      if (isAdmin) {
        await page.keyboard.press('Tab');
        assert.ok(
          await navigation.getByRole('link', { name: 'Event Calendar' }).evaluate((link) => link === document.activeElement),
          'then to Event Calendar',
        );
      }
      await screenshot(page, `header-${user}-360-menu`);

      await page.keyboard.press('Escape');
      assert.equal(await menu.getAttribute('aria-expanded'), 'false');
      assert.ok(await menu.evaluate((button) => button === document.activeElement), 'focus returns to the Menu button');
      await navigation.waitFor({ state: 'hidden' });
    });

    it('passes axe at 360 px with the menu closed and open', async () => {
      await page.setViewportSize({ width: 360, height: 760 });
      await expectNoAxeViolations(page, HEADER, { label: `${user}'s header at 360 px` });
      const menu = page.getByRole('button', { name: 'Menu' });
      await menu.click();
      try {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).waitFor();
        await expectNoAxeViolations(page, HEADER, { label: `${user}'s header at 360 px, menu open` });
      } finally {
        await menu.click();
      }
    });

    if (isAdmin) {
      it('goes to the Event Calendar through the menu at 360 px', async () => {
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Event Calendar' }).click();
        await page.getByRole('heading', { level: 1, name: 'Event Calendar' }).waitFor();
        assert.equal(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded'), 'false', 'the menu closes on navigation');
        await expectInboxLeftOfLogout(page);
        await screenshot(page, 'calendar-360');
      });
    }
  });
}

describe('header in German', () => {
  let browser;
  let page;
  let promotionId;

  before(async () => {
    promotionId = await deliverUnreadDay('alice', 'de');
    browser = await launchBrowser();
    page = await newPage(browser, { width: 360, height: 760 }, { locale: 'de-DE' });
    await signIn(page, 'alice', 'alice', { language: 'de' });
    await waitForBadge(page);
  });
  after(async () => {
    await browser?.close();
    if (promotionId) await archiveDay('alice', promotionId);
  });

  it('fits the longer labels at 360 px and passes axe', async () => {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    await page.getByRole('button', { name: 'Menü' }).waitFor();
    await screenshot(page, 'header-alice-360-de');
    await expectInboxLeftOfLogout(page, 'Abmelden');
    await expectNoAxeViolations(page, HEADER, { label: 'the German header at 360 px' });
  });
});

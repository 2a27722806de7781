// The Event Calendar as a living page (issue 15): unsaved edits are never lost
// silently, phones get the list view, and a promotion that starts turns live on
// screen without a reload. Everything this file creates is removed again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, env, expectNoAxeViolations, launchBrowser, newPage, runId, screenshot, signIn, userToken } from './support.mjs';

const TITLE_PREFIX = 'E2E Live calendar ';
const title = `${TITLE_PREFIX}${runId}`;

/** Unpublishes (if published) and deletes every promotion of this file, of this run or an interrupted one. */
async function removeOwnPromotions() {
  const token = await userToken('admin');
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
  const { status, data } = await callApi(`${env.calendar}/api/promotions?from=${from}&to=${to}`, { token });
  assert.equal(status, 200, 'the cleanup lists the promotions');
  for (const promotion of data.filter((p) => p.title.startsWith(TITLE_PREFIX))) {
    let version = promotion.version;
    if (promotion.status === 'PUBLISHED') {
      const unpublished = await callApi(`${env.calendar}/api/promotions/${promotion.id}/unpublish`, {
        token,
        method: 'POST',
        headers: { 'If-Match': String(version) },
      });
      version = unpublished.data?.version ?? version + 1;
    }
    const removed = await callApi(`${env.calendar}/api/promotions/${promotion.id}`, {
      token,
      method: 'DELETE',
      headers: { 'If-Match': String(version) },
    });
    assert.ok(removed.status < 300, `promotion ${promotion.id} removed (${removed.status})`);
  }
}

const noHorizontalScrolling = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the live Event Calendar', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
    await removeOwnPromotions();
  });

  after(async () => {
    await browser?.close();
    await removeOwnPromotions();
  });

  it('asks before Escape or × throw unsaved edits away', async () => {
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.goto(`${env.web}/calendar`);
    await page.locator('.fc-daygrid-body').waitFor();
    await page.getByRole('button', { name: 'New promotion' }).click();
    const editor = page.getByRole('dialog', { name: 'New promotion' });
    await editor.getByLabel('Title').fill(`${title} unsaved`);

    await page.keyboard.press('Escape');
    const question = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await question.waitFor();
    await screenshot(page, 'calendar-discard-question');
    await expectNoAxeViolations(page, { include: ['#main'] }, { label: 'the discard question', rules: ['color-contrast'] });
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    assert.equal(await editor.getByLabel('Title').inputValue(), `${title} unsaved`, 'Cancel keeps the edits');

    await editor.getByRole('button', { name: 'Close editor' }).click();
    await question.getByRole('button', { name: 'Discard changes' }).click();
    await editor.waitFor({ state: 'detached' });

    // A clean editor closes without a question.
    await page.getByRole('button', { name: 'New promotion' }).click();
    await editor.waitFor();
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('alertdialog').count(), 0);
    await page.context().close();
  });

  it('opens in the list view on a phone, each row opening its editor', async () => {
    // A draft of its own in this month, so the list has a row on any stack (demo data or none).
    const token = await userToken('admin');
    const products = await callApi(`${env.calendar}/api/products?query=coffee`, { token });
    const product = products.data[0];
    const start = new Date(Date.now() + 5 * 60_000);
    const draft = await callApi(`${env.calendar}/api/promotions`, {
      token,
      method: 'POST',
      body: {
        title,
        timeZone: 'UTC',
        startsAt: start.toISOString().slice(0, 16),
        endsAt: new Date(start.getTime() + 2 * 86_400_000).toISOString().slice(0, 16),
        dailySendTime: null,
        package: {
          name: 'List check',
          discountPercent: 10,
          message: 'Hi {{firstName}}',
          products: [{ ...product, promoPriceCents: Math.round(product.priceCents * 0.9) }],
        },
      },
    });
    assert.equal(draft.status, 201, `created: ${JSON.stringify(draft.data)}`);
    const page = await newPage(browser, { width: 390, height: 844 });
    await signIn(page, 'admin');
    await page.goto(`${env.web}/calendar`);
    const list = page.getByRole('list', { name: 'Promotions by start' });
    await list.waitFor();
    assert.equal(await page.getByRole('button', { name: 'List', exact: true }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.fc').count(), 0, 'no calendar grid below 720 px');
    const rows = list.getByRole('listitem');
    assert.ok((await rows.count()) > 0, 'this test\'s draft is in the list');
    await screenshot(page, 'calendar-list-390');
    assert.ok((await noHorizontalScrolling(page)) <= 0, 'no horizontal scrolling at 390 px');
    await expectNoAxeViolations(page, { include: ['#main'] }, { label: 'the list view at 390 px', rules: ['color-contrast'] });

    // The state filter applies to the list: only drafts left, then every state again.
    const filter = page.getByRole('group', { name: 'Show states' });
    for (const state of ['Live', 'Scheduled', 'Ended', 'Unpublished']) await filter.getByRole('button', { name: state }).click();
    const drafts = await list.locator('.state-chip').allTextContents().catch(() => []);
    assert.ok(drafts.every((text) => text === 'Draft'), `only drafts shown (${drafts.join(', ')})`);
    for (const state of ['Live', 'Scheduled', 'Ended', 'Unpublished']) await filter.getByRole('button', { name: state }).click();

    const first = rows.first().getByRole('button');
    const name = await first.locator('.promotion-row-title').textContent();
    await first.click();
    const editor = page.getByRole('dialog', { name: 'Edit promotion' });
    await editor.waitFor();
    await editor.getByLabel('Title').waitFor();
    assert.equal(await editor.getByLabel('Title').inputValue(), name);
    await screenshot(page, 'calendar-list-390-editor');
    await editor.getByRole('button', { name: 'Close editor' }).click();
    await editor.waitFor({ state: 'detached' });

    await page.setViewportSize({ width: 820, height: 1100 });
    await screenshot(page, 'calendar-list-tablet');
    assert.ok((await noHorizontalScrolling(page)) <= 0, 'no horizontal scrolling at tablet width');
    await page.context().close();
    await removeOwnPromotions();
  });

  it('shows a promotion turn live at its start, without a reload', async () => {
    const token = await userToken('admin');
    const products = await callApi(`${env.calendar}/api/products?query=coffee`, { token });
    assert.equal(products.status, 200, 'the product search answers');
    const product = products.data[0];
    // The page's clock runs ahead of the real one (below), so the promotion starts on screen
    // while its real start is still ahead: it is removed before then and no customer gets a message.
    const start = new Date(Math.ceil((Date.now() + 90_000) / 60_000) * 60_000);
    const utc = (date) => date.toISOString().slice(0, 16);
    const created = await callApi(`${env.calendar}/api/promotions`, {
      token,
      method: 'POST',
      body: {
        title,
        timeZone: 'UTC',
        startsAt: utc(start),
        endsAt: utc(new Date(start.getTime() + 3_600_000)),
        dailySendTime: null,
        package: {
          name: 'Live check',
          discountPercent: 10,
          message: 'Hi {{firstName}}',
          products: [{ ...product, promoPriceCents: Math.round(product.priceCents * 0.9) }],
        },
      },
    });
    assert.equal(created.status, 201, `created: ${JSON.stringify(created.data)}`);
    const id = created.data.id ?? created.data.promotion?.id;
    const published = await callApi(`${env.calendar}/api/promotions/${id}/publish`, {
      token,
      method: 'POST',
      headers: { 'If-Match': String(created.data.version ?? created.data.promotion?.version) },
    });
    assert.equal(published.status, 200, `published: ${JSON.stringify(published.data)}`);

    const page = await newPage(browser);
    try {
      await signIn(page, 'admin');
      // The page's time, 50 s before the start; from here it runs on by itself.
      await page.clock.install({ time: new Date(start.getTime() - 50_000) });
      await page.goto(`${env.web}/calendar`);
      await page.getByRole('button', { name: 'List', exact: true }).click();
      const row = page.getByRole('list', { name: 'Promotions by start' }).getByRole('listitem').filter({ hasText: title });
      await row.waitFor();
      assert.equal(await row.locator('.state-chip').textContent(), 'Scheduled');
      await screenshot(page, 'calendar-live-before');
      const navigations = [];
      page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

      // At the start the row turns live: the page's own timer, no reload and no click.
      await row.locator('.state-chip', { hasText: 'Live' }).waitFor({ timeout: 70_000 });
      assert.deepEqual(navigations, [], 'no reload');
      await screenshot(page, 'calendar-live-after');

      // The calendar shows it live too.
      await page.getByRole('button', { name: 'Calendar', exact: true }).click();
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.locator('.fc-timegrid').waitFor();
      await page
        .locator('.fc-event', { hasText: title })
        .first()
        .waitFor({ state: 'attached' })
        .catch(async (error) => {
          await screenshot(page, 'calendar-live-week-failed');
          throw error;
        });
      assert.match(await page.locator('.fc-event', { hasText: title }).first().getAttribute('class'), /promo-state-live/);
      await expectNoAxeViolations(page, { include: ['#main'] }, { label: 'the week with a live promotion', rules: ['color-contrast'] });
      await screenshot(page, 'calendar-live-week');
    } finally {
      await page.context().close();
      // Removed before its real start: nothing is sent and nothing stays on the calendar.
      await removeOwnPromotions();
      assert.ok(Date.now() < start.getTime(), 'removed before its real start');
    }
  });
});

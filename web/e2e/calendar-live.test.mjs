// The Event Calendar as a living page (issue 15): unsaved edits are never lost
// silently, phones get the list view, and a promotion that starts turns live on
// screen without a reload. Everything this file creates is removed again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraft,
  env,
  expectNoAxeViolations,
  launchBrowser,
  newPage,
  promotionEvent,
  promotionRow,
  removePromotions,
  runId,
  screenshot,
  signIn,
  transition,
  userToken,
} from './support.mjs';

const TITLE_PREFIX = 'E2E Live calendar ';
const title = `${TITLE_PREFIX}${runId}`;

/** Every promotion of this file, of this run or an interrupted one, unpublished and deleted. */
const removeOwnPromotions = () => removePromotions(TITLE_PREFIX);

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
    const start = new Date(Date.now() + 5 * 60_000);
    await createDraft(token, {
      title,
      startsAt: start.toISOString().slice(0, 16),
      endsAt: new Date(start.getTime() + 2 * 86_400_000).toISOString().slice(0, 16),
    });
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
    // The page's clock runs ahead of the real one (below), so the promotion starts on screen
    // while its real start is still ahead: it is removed before then and no customer gets a message.
    const start = new Date(Math.ceil((Date.now() + 90_000) / 60_000) * 60_000);
    const utc = (date) => date.toISOString().slice(0, 16);
    const draft = await createDraft(token, { title, startsAt: utc(start), endsAt: utc(new Date(start.getTime() + 3_600_000)) });
    await transition(token, draft, 'publish');

    const page = await newPage(browser);
    try {
      await signIn(page, 'admin');
      // The page's time, 50 s before the start; from here it runs on by itself.
      await page.clock.install({ time: new Date(start.getTime() - 50_000) });
      await page.goto(`${env.web}/calendar`);
      await page.getByRole('button', { name: 'List', exact: true }).click();
      const row = promotionRow(page, title);
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
      await promotionEvent(page, title)
        .first()
        .waitFor({ state: 'attached' })
        .catch(async (error) => {
          await screenshot(page, 'calendar-live-week-failed');
          throw error;
        });
      assert.match(await promotionEvent(page, title).first().getAttribute('class'), /promo-state-live/);
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

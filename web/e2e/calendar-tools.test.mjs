// The Event Calendar's everyday tools on the real stack (issue 15): every state
// on the grid with its legend, search across all time, duplicate a draft and
// drag the copy to the next week in its own zone (not the browser's), Undo, and
// axe's WCAG 2.1 A/AA rules over month, week and list views.
//
// A CI stack holds no demo data, so the test makes its own promotions, in 2029
// where nobody plans yet, and removes them again (also those of an interrupted
// run). Live and ended are states of time: the published ones lie years ahead,
// so nothing is ever sent, and the browser's clock is set into their weeks —
// the page derives each state from its own now, exactly as it will then.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  callApi,
  createDraft,
  env,
  expectNoAxeViolations,
  findPromotions,
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

const TITLE_PREFIX = 'E2E Calendar tools ';
const title = (name) => `${TITLE_PREFIX}${runId} ${name}`;
/** The browser's zone; the dragged promotion lives in another one. */
const BROWSER_ZONE = 'Europe/Berlin';
const PROMOTION_ZONE = 'America/New_York';

const STATES = ['Draft', 'Scheduled', 'Live', 'Ended', 'Unpublished'];
/** The page's now for the states check: Wednesday 14 February 2029, 12:00 in Berlin. */
const STATES_NOW = new Date('2029-02-14T11:00:00Z');

const noHorizontalScrolling = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Polls `check` until it holds (10 s). */
async function until(check, what) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Drags `bar` (a month-view event starting on `fromDay`) by its own start onto `toDay`, the
 * same weekday a row below, both mid-screen (FullCalendar scrolls the window itself near its
 * edges, which would move the drop).
 */
async function dragByWeek(page, bar, fromDay, toDay) {
  const from = page.locator(`td.fc-daygrid-day[data-date="${fromDay}"]`);
  const to = page.locator(`td.fc-daygrid-day[data-date="${toDay}"]`);
  await from.evaluate((cell) => cell.scrollIntoView({ block: 'center' }));
  const box = await bar.boundingBox();
  const fromBox = await from.boundingBox();
  const toBox = await to.boundingBox();
  assert.ok(box.x >= fromBox.x && box.x < fromBox.x + fromBox.width, `the bar starts on ${fromDay}`);
  const grab = { x: box.x + 12, y: box.y + box.height / 2 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 4, grab.y + 6, { steps: 3 });
  await page.mouse.move(toBox.x + 12, grab.y + (toBox.y - fromBox.y), { steps: 12 });
  await page.mouse.up();
}

/** Every WCAG 2.0/2.1 A and AA rule of axe over the page's main content. */
const axe = (page, label) => expectNoAxeViolations(page, { include: ['#main'] }, { label });

describe('the Event Calendar’s tools', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
    await removePromotions(TITLE_PREFIX);
  });

  after(async () => {
    await browser?.close();
    await removePromotions(TITLE_PREFIX);
    const token = await userToken('admin');
    assert.deepEqual(await findPromotions(token, TITLE_PREFIX), [], 'nothing of this test is left');
  });

  it('shows every state with its legend, and axe finds nothing in month, week and list', async () => {
    const token = await userToken('admin');
    const berlin = (startsAt, endsAt) => ({ timeZone: 'Europe/Berlin', startsAt, endsAt });
    await createDraft(token, { title: title('draft'), ...berlin('2029-02-26T09:00', '2029-02-28T00:00') });
    for (const [name, startsAt, endsAt] of [
      ['ended', '2029-02-05T09:00', '2029-02-07T00:00'],
      ['live', '2029-02-13T09:00', '2029-02-16T00:00'],
      ['scheduled', '2029-02-20T09:00', '2029-02-22T00:00'],
      ['unpublished', '2029-02-01T09:00', '2029-02-03T00:00'],
    ]) {
      const published = await transition(token, await createDraft(token, { title: title(name), ...berlin(startsAt, endsAt) }), 'publish');
      if (name === 'unpublished') await transition(token, published, 'unpublish');
    }

    const page = await newPage(browser, { width: 1366, height: 860 }, { timezoneId: BROWSER_ZONE });
    try {
      // The page's clock from before the sign-in, so tokens and calendar share one now; it runs on from there.
      await page.clock.install({ time: STATES_NOW });
      await signIn(page, 'admin');
      await page.goto(`${env.web}/calendar`);
      await page.locator('.fc-daygrid-body').waitFor();
      assert.equal(await page.locator('.fc-toolbar-title').textContent(), 'February 2029');

      const legend = page.getByRole('list', { name: 'Legend' });
      assert.deepEqual(
        (await legend.locator('.legend-label').allTextContents()),
        STATES,
        'the legend names every state',
      );
      for (const state of STATES) {
        const event = promotionEvent(page, title(state.toLowerCase()), state.toLowerCase()).first();
        await event.waitFor();
        assert.equal(await event.locator('.promo-event-state').textContent(), state, `the ${state} event says so in words`);
        const draggable = (await event.getAttribute('class')).includes('fc-event-draggable');
        assert.equal(draggable, state === 'Draft' || state === 'Scheduled', `${state}: draggable only before it starts`);
      }
      await screenshot(page, 'calendar-states');
      await axe(page, 'the month with every state');

      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.locator('.fc-timegrid').waitFor();
      await promotionEvent(page, title('live'), 'live').first().waitFor();
      await screenshot(page, 'calendar-states-week');
      await axe(page, 'the week with a live promotion');

      await page.getByRole('button', { name: 'List', exact: true }).click();
      const list = page.getByRole('list', { name: 'Promotions by start' });
      for (const state of STATES) {
        const row = promotionRow(page, title(state.toLowerCase()));
        await row.waitFor();
        assert.equal(await row.locator('.state-chip').textContent(), state);
      }
      await axe(page, 'the list with every state');

      await page.setViewportSize({ width: 820, height: 1100 });
      await page.getByRole('button', { name: 'Calendar', exact: true }).click();
      await page.getByRole('button', { name: 'Month', exact: true }).click();
      await promotionEvent(page, title('live'), 'live').first().waitFor();
      await screenshot(page, 'calendar-states-tablet');
      assert.ok((await noHorizontalScrolling(page)) <= 0, 'no horizontal scrolling at tablet width');
      await axe(page, 'the month at tablet width');
    } finally {
      await page.context().close();
      await removePromotions(TITLE_PREFIX);
    }
  });

  it('finds a draft by search, duplicates it and drags the copy a week on in its own zone, with Undo', async () => {
    const token = await userToken('admin');
    // Thursday 1 March 2029, 10:00 in New York; the copy lands on 8 March, before the US clocks go
    // forward (11 March), and is dragged to 15 March, after it — Berlin changes only on 25 March.
    const original = await createDraft(token, {
      title: title('drag'),
      timeZone: PROMOTION_ZONE,
      startsAt: '2029-03-01T10:00',
      endsAt: '2029-03-03T10:00',
    });

    const page = await newPage(browser, { width: 1366, height: 860 }, { timezoneId: BROWSER_ZONE });
    try {
      await signIn(page, 'admin');
      await page.goto(`${env.web}/calendar`);
      await page.locator('.fc-daygrid-body').waitFor();
      assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), BROWSER_ZONE);

      // Search across all time: the hit opens the editor and takes the calendar to March 2029.
      const search = page.getByRole('search', { name: 'Search promotions' });
      await search.getByRole('searchbox', { name: 'Search promotions' }).fill(title('drag'));
      const hit = search.getByRole('list', { name: 'Search results' }).getByRole('button', { name: new RegExp(title('drag')) });
      await hit.waitFor();
      await screenshot(page, 'calendar-search');
      await axe(page, 'the search results');
      await hit.click();
      const editor = page.getByRole('dialog', { name: 'Edit promotion' });
      await editor.waitFor();
      await page.locator('.fc-toolbar-title', { hasText: 'March 2029' }).waitFor();

      // Duplicate: a new draft a week later, opened in the editor; then back to the grid.
      await editor.getByRole('button', { name: 'Duplicate' }).click();
      await editor.getByText(/^Copy saved as a draft/).waitFor();
      await until(async () => (await editor.getByLabel('Title').inputValue()) === `${title('drag')} (copy)`, 'the copy is in the editor');
      await editor.getByRole('button', { name: 'Close editor' }).click();
      await editor.waitFor({ state: 'detached' });
      const [copy] = (await findPromotions(token, `${title('drag')} (copy)`));
      assert.ok(copy, 'the copy is stored');
      assert.deepEqual([copy.startsAt, copy.endsAt, copy.timeZone], ['2029-03-08T10:00', '2029-03-10T10:00', PROMOTION_ZONE]);

      // Placed and labelled in one zone: the promotion's (10:00 New York) or the admin's (16:00 Berlin).
      const bar = promotionEvent(page, `${title('drag')} (copy)`).first();
      await bar.waitFor();
      assert.match(await bar.textContent(), /10:00–10:00.*America\/New_York/);
      const zone = page.getByRole('combobox', { name: 'Times in' });
      await zone.selectOption('browser');
      await bar.filter({ hasText: 'Europe/Berlin' }).waitFor();
      assert.match(await bar.textContent(), /16:00–16:00/);
      await zone.selectOption('promotion');
      await bar.filter({ hasText: PROMOTION_ZONE }).waitFor();

      // Drag the copy from Thursday 8 March to Thursday 15 March (the row below), from its own
      // bar on a month where nothing else is, onto the day's empty space.
      // The search's hits go first (the page must not shrink under the pointer mid-drag), and both
      // days sit mid-screen, away from the edges where FullCalendar scrolls the window by itself.
      await search.getByRole('searchbox', { name: 'Search promotions' }).fill('');
      await search.getByRole('list', { name: 'Search results' }).waitFor({ state: 'detached' });
      await dragByWeek(page, bar, '2029-03-08', '2029-03-15');

      const notes = page.getByRole('status', { name: 'Calendar changes' });
      await notes.getByText(`“${title('drag')} (copy)” moved.`).waitFor();
      await screenshot(page, 'calendar-dragged');
      const moved = (await callApi(`${env.calendar}/api/promotions/${copy.id}`, { token })).data;
      assert.deepEqual(
        [moved.startsAt, moved.endsAt, moved.timeZone, moved.version],
        ['2029-03-15T10:00', '2029-03-17T10:00', PROMOTION_ZONE, copy.version + 1],
        'the same local times a week later, in the promotion’s zone',
      );
      // New York moved to daylight time in between: 10:00 is 14:00 UTC now, not 15:00.
      assert.equal(new Date(moved.startsAtInstant).toISOString(), '2029-03-15T14:00:00.000Z');
      await axe(page, 'the month after a drag, with its note');

      // Undo puts the previous local times back on top of the new version.
      await notes.getByRole('button', { name: 'Undo' }).click();
      await notes.getByText(`“${title('drag')} (copy)” is back at its previous time.`).waitFor();
      const undone = (await callApi(`${env.calendar}/api/promotions/${copy.id}`, { token })).data;
      assert.deepEqual([undone.startsAt, undone.endsAt, undone.version], ['2029-03-08T10:00', '2029-03-10T10:00', copy.version + 2]);
      await page.locator('td.fc-daygrid-day[data-date="2029-03-08"]').locator(promotionEvent(page, `${title('drag')} (copy)`)).waitFor();

      // Someone else saves the copy meanwhile (a new version): the next drag is refused (412), the
      // bar goes back, the page says why, and nothing changed on the server.
      const { title: copyTitle, timeZone, startsAt, endsAt, dailySendTime } = undone;
      const elsewhere = await callApi(`${env.calendar}/api/promotions/${copy.id}`, {
        token,
        method: 'PUT',
        headers: { 'If-Match': String(undone.version) },
        body: { title: copyTitle, timeZone, startsAt, endsAt, dailySendTime, package: undone.package },
      });
      assert.equal(elsewhere.status, 200, `saved elsewhere: ${JSON.stringify(elsewhere.data)}`);
      await dragByWeek(page, bar, '2029-03-08', '2029-03-15');
      await notes.getByText(`“${title('drag')} (copy)” was changed elsewhere in the meantime, so it was not moved.`, { exact: false }).waitFor();
      await page.locator('td.fc-daygrid-day[data-date="2029-03-08"]').locator(promotionEvent(page, `${title('drag')} (copy)`)).waitFor();
      const kept = (await callApi(`${env.calendar}/api/promotions/${copy.id}`, { token })).data;
      assert.deepEqual([kept.startsAt, kept.version], ['2029-03-08T10:00', undone.version + 1], 'the refused drag changed nothing');
      await screenshot(page, 'calendar-drag-refused');

      // In the week view its end is dragged two hours later (FullCalendar resizes timed events only
      // there): only endsAt changes, on the promotion's wall clock.
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.locator('.fc-timegrid').waitFor();
      while ((await page.locator('.fc-timegrid-col[data-date="2029-03-10"]').count()) === 0) await page.locator('.fc-next-button').click();
      const end = promotionEvent(page, `${title('drag')} (copy)`).filter({ has: page.locator('.fc-event-resizer-end') });
      await end.evaluate((segment) => segment.scrollIntoView({ block: 'center' }));
      await end.hover();
      const resizer = await end.locator('.fc-event-resizer-end').boundingBox();
      const slot = (await page.locator('.fc-timegrid-slot-lane').first().boundingBox()).height; // half an hour
      const handle = { x: resizer.x + resizer.width / 2, y: resizer.y + resizer.height / 2 };
      await page.mouse.move(handle.x, handle.y);
      await page.mouse.down();
      await page.mouse.move(handle.x, handle.y + 6, { steps: 3 });
      await page.mouse.move(handle.x, handle.y + 4 * slot, { steps: 10 });
      await page.mouse.up();
      await notes.getByText(`“${title('drag')} (copy)” moved.`).waitFor();
      const longer = (await callApi(`${env.calendar}/api/promotions/${copy.id}`, { token })).data;
      assert.deepEqual([longer.startsAt, longer.endsAt], ['2029-03-08T10:00', '2029-03-10T12:00'], 'two hours longer, same start');
      await screenshot(page, 'calendar-resized-week');
      await page.getByRole('button', { name: 'Month', exact: true }).click();

      // The original stayed where it was.
      const untouched = (await callApi(`${env.calendar}/api/promotions/${original.id}`, { token })).data;
      assert.equal(untouched.startsAt, '2029-03-01T10:00');

      await page.setViewportSize({ width: 820, height: 1100 });
      // FullCalendar lays out again a moment after the window's resize.
      await page.waitForFunction(() => {
        const panel = document.querySelector('.calendar-panel').getBoundingClientRect();
        return [...document.querySelectorAll('.fc table')].every((table) => table.getBoundingClientRect().right <= panel.right);
      });
      await screenshot(page, 'calendar-tools-tablet');
      assert.ok((await noHorizontalScrolling(page)) <= 0, 'no horizontal scrolling at tablet width');
    } finally {
      await page.context().close();
    }
  });
});

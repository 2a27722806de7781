// The admin plans a promotion on the Event Calendar: creates a draft, previews
// it, publishes it. The promotion is removed again through the API afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { env, expectNoAxeViolations, launchBrowser, newPage, promotionEvent, removePromotions, runId, screenshot, signIn } from './support.mjs';

const TITLE_PREFIX = 'E2E Spring deals ';
const title = `${TITLE_PREFIX}${runId}`;

/** YYYY-MM-DD of today + n days in Europe/Berlin (the browser context's zone and the promotion's). */
const dayFromNow = (n) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() + n * 86_400_000));

describe('admin', () => {
  let browser;
  let page;

  before(async () => {
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    // Leave nothing behind: this run's promotion, and any an interrupted run left (same title prefix).
    await removePromotions(TITLE_PREFIX);
  });

  it('opens the Event Calendar from the header', async () => {
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Event Calendar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Event Calendar' }).waitFor();
    await page.locator('.fc-daygrid-body').waitFor();
    await page.getByRole('list', { name: 'Legend' }).waitFor();
  });

  it('creates a draft, previews it and publishes it', async () => {
    // Select three days on the month grid (tomorrow .. +3); the editor opens with them.
    const first = page.locator(`td.fc-daygrid-day[data-date="${dayFromNow(1)}"]`);
    const last = page.locator(`td.fc-daygrid-day[data-date="${dayFromNow(3)}"]`);
    if ((await first.count()) === 0 || (await last.count()) === 0) await page.locator('.fc-next-button').click();
    // Near the end of a month these days sit in the grid's last row, below the fold of a
    // laptop-sized window: the mouse can only press what is on screen.
    await last.scrollIntoViewIfNeeded();
    await first.scrollIntoViewIfNeeded();
    const from = await first.boundingBox();
    const to = await last.boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height - 10);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 10, { steps: 8 });
    await page.mouse.up();
    const editor = page.getByRole('dialog', { name: 'New promotion' });
    await editor.waitFor();
    assert.equal(await editor.getByLabel('Starts').inputValue(), `${dayFromNow(1)}T09:00`);
    assert.equal(await editor.getByLabel('Ends').inputValue(), `${dayFromNow(4)}T00:00`);

    await editor.getByLabel('Title').fill(title);
    await editor.getByLabel('Package name').fill('Morning coffee bundle');
    await editor.getByLabel('Discount (%)').fill('15');
    await editor.getByLabel('Search products').fill('coffee');
    await editor.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    await editor.getByRole('list', { name: 'Products in the package' }).getByRole('listitem').first().waitFor();
    await editor.getByRole('combobox', { name: 'Time zone' }).fill('berlin');
    await editor.getByRole('option', { name: /^Europe\/Berlin UTC/ }).click();
    assert.equal(await editor.getByLabel('Daily send time').inputValue(), '09:00');
    await editor.getByRole('button', { name: 'Save draft' }).click();

    const edit = page.getByRole('dialog', { name: 'Edit promotion' });
    await edit.getByText('Draft saved.').waitFor();
    assert.equal(await edit.locator('.state-chip').textContent(), 'Draft');

    // Preview: 09:00 on each of the three days; the end (midnight after the third) is exclusive.
    const preview = edit.getByRole('region', { name: 'Preview' });
    await preview.getByText('3 daily messages').waitFor();
    // One row a day (and the header): in the promotion's zone, the admin's and UTC.
    assert.equal(await preview.getByRole('table', { name: /^Send times in/ }).getByRole('row').count(), 4);
    await preview.locator('.sample-message').waitFor();
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'calendar-editor');

    await edit.getByRole('button', { name: 'Publish…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Publish this promotion?' });
    await confirm.getByRole('button', { name: 'Publish' }).click();
    await edit.getByText(/^Published\./).waitFor({ timeout: 10_000 }).catch(async (error) => {
      await screenshot(page, 'calendar-publish-failed');
      throw error;
    });
    assert.equal(await edit.locator('.state-chip').textContent(), 'Scheduled');
    assert.ok(await edit.getByRole('button', { name: 'Delete…' }).isDisabled(), 'a published promotion cannot be deleted');

    await edit.getByRole('button', { name: 'Close editor' }).click();
    // On a stack that holds demo data and other promotions a day shows a few events and "+n more":
    // the new one is on the grid in the scheduled state, visible or folded into "+n more".
    const event = promotionEvent(page, title, 'scheduled').first();
    await event.waitFor({ state: 'attached' });
    await screenshot(page, 'calendar');
    // Colour contrast of the page, its legend and every promotion state on the grid (FullCalendar's own
    // markup has findings of other rules that are not ours to fix, so only contrast is asked here).
    await expectNoAxeViolations(page, { include: ['#main'] }, { label: 'the Event Calendar', rules: ['color-contrast'] });

    // Keyboard, in the week of its start (the week view shows every event of a day side by side):
    // an event takes focus, Enter opens its editor, Escape closes it and focus comes back.
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.locator('.fc-timegrid').waitFor();
    if ((await page.locator(`.fc-timegrid-col[data-date="${dayFromNow(1)}"]`).count()) === 0) {
      await page.locator('.fc-next-button').click();
    }
    const inWeek = promotionEvent(page, title, 'scheduled').first();
    await inWeek.waitFor();
    await inWeek.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Edit promotion' }).waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), title);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Edit promotion' }).waitFor({ state: 'detached' });
    assert.ok(await inWeek.evaluate((element) => element === document.activeElement), 'focus returns to the event');
    await screenshot(page, 'calendar-week');
  });

  it('lays out at tablet width', async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await page.locator('.fc-daygrid-body').waitFor();
    await screenshot(page, 'calendar-tablet');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at tablet width (overflow ${overflow}px)`);
  });
});

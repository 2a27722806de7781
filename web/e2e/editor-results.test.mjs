// The promotion editor after publishing (issue 15), on the real stack: a promotion
// that starts within a minute goes through the whole chain (Flink scheduler →
// JobSink → job → inbox) and its Results tab shows day 1 delivered to every
// customer; the History tab tells who did what; a send time in the spring-forward
// gap is explained in the preview and warned about at its field; "Send me a test"
// reaches the admin's own inbox and nobody else's. axe's WCAG 2.1 A/AA rules run
// over every tab of the open editor, and each tab is photographed at laptop and
// tablet width. Everything this file creates is removed again (promotions
// unpublished and deleted, its inbox threads archived).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  callApi,
  clientToken,
  createDraft,
  env,
  expectNoAxeViolations,
  findPromotions,
  launchBrowser,
  newPage,
  promotionRow,
  removePromotions,
  runId,
  screenshot,
  signIn,
  userToken,
} from './support.mjs';
import { cleanUp, threadDays } from './inbox-delivery.mjs';

const TITLE_PREFIX = 'E2E Editor ';
const title = (what) => `${TITLE_PREFIX}${what} ${runId}`;
const ZONE = 'Europe/Berlin';
const LAPTOP = { width: 1366, height: 860 };
const TABLET = { width: 820, height: 1100 };

/** `YYYY-MM-DDTHH:MM` of an instant in Europe/Berlin (the promotions' zone and the browser's). */
const localDateTime = (date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' }).format(date).replace(' ', 'T');

/** The last Sunday of March of the next spring (02:00 → 03:00 in Berlin), as `YYYY-MM-DD`. */
function nextSpringForward(now = new Date()) {
  const year = now.getUTCMonth() < 2 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
  const lastOfMarch = new Date(Date.UTC(year, 2, 31));
  lastOfMarch.setUTCDate(31 - lastOfMarch.getUTCDay());
  return lastOfMarch.toISOString().slice(0, 10);
}
const addDays = (day, n) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Unpublishes (if published) and deletes this file's promotions (this run's or an
 * interrupted one's); the demo users' threads of them (withdrawn now) leave their main
 * views, archived like the inbox e2e do.
 */
async function removeOwnPromotions() {
  const ids = (await findPromotions(await userToken('admin'), TITLE_PREFIX)).map((promotion) => promotion.id);
  await removePromotions(TITLE_PREFIX);
  for (const user of ['admin', 'alice', 'bob', 'carol']) await cleanUp(await userToken(user), ids);
}

/** A draft in Berlin through the API (one product); the browser then works on it like an admin would. */
const draft = (token, what, times) => createDraft(token, { title: title(what), timeZone: ZONE, ...times });

/** Every customer the job sends to: the effective members of the realm role `customer` (the job's own directory). */
async function customerCount() {
  const token = await clientToken('promo-job-directory', 'promo-job-directory-secret');
  let count = 0;
  let after = '';
  for (;;) {
    const query = new URLSearchParams({ role: 'customer', max: '500', after });
    const { status, data } = await callApi(`${env.keycloak}/admin/realms/${env.realm}/promo-recipients/members?${query}`, { token });
    assert.equal(status, 200, `the directory lists customers: ${JSON.stringify(data)}`);
    count += data.length;
    if (data.length < 500) return count;
    after = data[data.length - 1].id;
  }
}

/** Opens a promotion of the current period from the calendar's list view. */
async function openFromList(page, promotionTitle) {
  await page.goto(`${env.web}/calendar`);
  await page.getByRole('button', { name: 'List', exact: true }).click();
  // By its own title: another row's overlap note may name this one.
  await promotionRow(page, promotionTitle).getByRole('button').first().click();
  const editor = page.getByRole('dialog', { name: 'Edit promotion' });
  await editor.getByLabel('Title').waitFor();
  assert.equal(await editor.getByLabel('Title').inputValue(), promotionTitle);
  return editor;
}

/** axe's WCAG 2.0/2.1 A and AA rules over the open editor (the drawer). */
const axeEditor = (page, label) => expectNoAxeViolations(page, { include: ['.editor-drawer'] }, { label });

/** Screenshots of the shown tab at laptop and tablet width (back to laptop afterwards). */
async function photograph(page, editor, name) {
  for (const [width, viewport] of [['1366', LAPTOP], ['820', TABLET]]) {
    await page.setViewportSize(viewport);
    await editor.getByRole('tablist').waitFor();
    await screenshot(page, `editor-${name}-${width}`);
  }
  await page.setViewportSize(LAPTOP);
}

describe('the promotion editor after publishing', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
    await removeOwnPromotions();
  });

  after(async () => {
    await browser?.close();
    await removeOwnPromotions();
  });

  it('shows day 1 delivered to every customer in the Results tab, and who did what in History', { timeout: 300_000 }, async () => {
    const token = await userToken('admin');
    const customers = await customerCount();
    // Starts at the next full minute at least 50 s away; one day only (ends two hours later).
    const start = new Date(Math.ceil((Date.now() + 50_000) / 60_000) * 60_000);
    const promotion = await draft(token, 'Results', {
      startsAt: localDateTime(start),
      endsAt: localDateTime(new Date(start.getTime() + 2 * 3_600_000)),
    });

    const page = await newPage(browser, LAPTOP);
    await signIn(page, 'admin');
    const editor = await openFromList(page, promotion.title);
    assert.equal(await editor.getByRole('tab', { name: 'Results' }).count(), 0, 'a draft has no results');
    await editor.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('alertdialog', { name: 'Publish this promotion?' }).getByRole('button', { name: 'Publish' }).click();
    await editor.getByText(/^Published\./).waitFor();

    await editor.getByRole('tab', { name: 'Results' }).click();
    const panel = editor.getByRole('tabpanel', { name: 'Results' });
    await panel.getByText(/No day is due yet|Per day/).first().waitFor();
    await axeEditor(page, 'the Results tab before the start');

    // The chain takes up to a minute or two after the start; the tab refreshes itself (every 20 s).
    const table = panel.getByRole('table', { name: /^Per day/ });
    const day1 = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Day 1/ }) });
    await day1.getByText(/Delivered at/).waitFor({ timeout: 240_000 });
    // The job reports after the inbox stored the day; both are asked on each refresh.
    const count = (text) => Number(/\d+/.exec(text)?.[0] ?? NaN);
    let cells = [];
    for (const deadline = Date.now() + 45_000; Date.now() < deadline; await page.waitForTimeout(2_000)) {
      cells = await day1.getByRole('cell').allTextContents();
      if (count(cells[1]) + count(cells[4]) === customers) break;
    }
    assert.match(cells[0], new RegExp(`${customers} recipients?`), `the job reports every customer (${customers}): ${cells[0]}`);
    // A customer who paused promotion messages is suppressed, not delivered: together they are everyone.
    assert.equal(count(cells[1]) + count(cells[4]), customers, `day 1 reached every customer: ${JSON.stringify(cells)}`);
    assert.ok(count(cells[1]) > 0, 'someone got it');
    await axeEditor(page, 'the Results tab');
    await photograph(page, editor, 'results');

    await editor.getByRole('tab', { name: 'History' }).click();
    const history = editor.getByRole('tabpanel', { name: 'History' });
    await history.getByText('admin published it').waitFor();
    await history.getByText('admin created the draft').waitFor();
    await history.getByText('Status: Draft → Published').waitFor();
    await axeEditor(page, 'the History tab');
    await photograph(page, editor, 'history');

    await editor.getByRole('tab', { name: 'Details' }).click();
    const preview = editor.getByRole('region', { name: 'Preview' });
    await preview.getByRole('table').waitFor();
    await axeEditor(page, 'the Details tab of a published promotion');
    await photograph(page, editor, 'details');
    await preview.scrollIntoViewIfNeeded();
    await photograph(page, editor, 'preview');
    // The zone picker open, with each zone's offset (Escape closes the list, not the editor).
    const zone = editor.getByRole('combobox', { name: 'Time zone' });
    await zone.click();
    await editor.getByRole('listbox', { name: 'Time zones' }).waitFor();
    await axeEditor(page, 'the zone picker, open');
    await screenshot(page, 'editor-zone-picker-1366');
    await zone.press('Escape');
    assert.equal(await zone.getAttribute('aria-expanded'), 'false');
    await editor.waitFor();
    await page.context().close();
  });

  it('explains a send time in the spring-forward gap in the preview and at its field', { timeout: 120_000 }, async () => {
    const gapDay = nextSpringForward();
    const page = await newPage(browser, LAPTOP);
    await signIn(page, 'admin');
    await page.goto(`${env.web}/calendar`);
    await page.getByRole('button', { name: 'New promotion' }).click();
    const editor = page.getByRole('dialog', { name: 'New promotion' });
    await editor.getByLabel('Title').fill(title('Spring forward'));
    await editor.getByLabel('Package name').fill('Night owl pack');
    await editor.getByLabel('Search products').fill('coffee');
    await editor.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    await editor.getByRole('list', { name: 'Products in the package' }).getByRole('listitem').first().waitFor();
    // The zone picker, from the keyboard: type, ↓, Enter.
    const zone = editor.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('berlin');
    await zone.press('ArrowDown');
    await zone.press('Enter');
    assert.match(await zone.inputValue(), /^Europe\/Berlin \(UTC\+0[12]:00\)$/);
    await editor.getByLabel('Starts').fill(`${addDays(gapDay, -1)}T02:30`);
    await editor.getByLabel('Ends').fill(`${addDays(gapDay, 2)}T00:00`);
    await editor.getByLabel('Daily send time').fill('02:30');
    await axeEditor(page, 'a new promotion');
    await editor.getByRole('button', { name: 'Save draft' }).click();

    const edit = page.getByRole('dialog', { name: 'Edit promotion' });
    await edit.getByText('Draft saved.').waitFor();
    // Saved, not refused: the warning is part of the send time's description.
    const sendTime = edit.getByLabel('Daily send time');
    await edit.locator('.field-warning').first().waitFor();
    const description = await sendTime.evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    assert.match(description, /Warning: 02:30 does not exist on Sun, .* in Europe\/Berlin \(the clocks go forward\)/);
    assert.equal(await sendTime.getAttribute('aria-invalid'), null, 'a warning, not an error');

    const preview = edit.getByRole('region', { name: 'Preview' });
    await preview.getByText('3 daily messages').waitFor().catch(async (error) => {
      await screenshot(page, 'editor-dst-preview-failed');
      throw error;
    });
    const note = preview.getByText(/^Day 2 \(/);
    await note.waitFor();
    assert.match(
      await note.textContent(),
      /^Day 2 \(Sun, .*\): 02:30 does not exist in Europe\/Berlin because the clocks go forward that night, so the message goes out at 03:30 \(UTC\+02:00\) instead\.$/,
    );
    const rows = preview.getByRole('table', { name: /^Send times in/ }).getByRole('row');
    assert.match((await rows.nth(2).getByRole('cell').allTextContents())[0], /03:30 UTC\+02:00$/, 'day 2 at 03:30 summer time');
    assert.match((await rows.nth(2).getByRole('cell').allTextContents())[2], /01:30$/, 'which is 01:30 UTC');
    await preview.scrollIntoViewIfNeeded();
    await axeEditor(page, 'the Details tab with a clock change');
    await note.scrollIntoViewIfNeeded();
    await photograph(page, edit, 'dst-preview');
    await page.context().close();
  });

  it('sends the admin a test that only the admin gets', { timeout: 120_000 }, async () => {
    const token = await userToken('admin');
    // Two hours ahead: in the current period of the calendar's list, and nothing is sent before the cleanup.
    const start = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 60_000) * 60_000);
    const promotion = await draft(token, 'Test send', {
      startsAt: localDateTime(start),
      endsAt: localDateTime(new Date(start.getTime() + 86_400_000)),
    });

    const page = await newPage(browser, LAPTOP);
    await signIn(page, 'admin');
    await openFromList(page, promotion.title);
    const editor = page.getByRole('dialog', { name: 'Edit promotion' });
    const preview = editor.getByRole('region', { name: 'Preview' });
    await preview.getByLabel('Test message of').waitFor();
    await preview.getByRole('button', { name: 'Send me a test' }).click();
    await preview.getByText('Day 1 is in your inbox, marked as a test.').waitFor();

    const admin = await threadDays(token, promotion.id);
    assert.equal(admin.length, 1, 'the admin got one message');
    assert.equal(admin[0].test, true, 'marked as a test');
    for (const customer of ['alice', 'bob']) {
      assert.deepEqual(await threadDays(await userToken(customer), promotion.id), [], `${customer} got nothing`);
    }
    // The test is in the admin's inbox in the UI, tagged.
    await preview.getByRole('link', { name: 'Open inbox' }).click();
    await page.getByRole('link', { name: new RegExp(promotion.title) }).first().waitFor();
    await page.context().close();
  });
});

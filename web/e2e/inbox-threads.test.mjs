// The inbox as threads (issue 14): a second day of one promotion is one thread
// and counts once on the badge; archive with Undo, restore from Archived; "Stop
// messages about this promotion" suppresses the next day for that customer
// only; the inbox at 390 px (the thread replaces the list, with Back); the
// German UI with no English label left. The stack holds other data (demo
// promotions, other tests), so the tests assert changes, not totals.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { env, expectNoAxeViolations, jwtClaims, launchBrowser, newPage, runId, screenshot, signIn, userToken } from './support.mjs';
import { badgeName, cleanUp, dayFromToday, deliverDay, escapeRegExp, packagedProducts, threadDays, unreadCount } from './inbox-delivery.mjs';

const READER = 'alice'; // reads, archives and mutes
const OTHER = 'bob'; // gets the day the reader muted
const GERMAN = 'carol'; // reads in German

const promotion = {
  promotionId: `e2e-thread-${runId}`,
  title: `E2E thread ${runId}`,
  dayCount: 3,
  expiresAt: new Date(Date.now() + 4 * 86_400_000).toISOString(),
};
const dayOf = (dayNumber) => ({ ...promotion, dayNumber, day: dayFromToday(dayNumber - 1) });
const rowName = (dayNumber) => new RegExp(`^${escapeRegExp(promotion.title)}, Day ${dayNumber} of 3 · Ends `);

describe('inbox threads', () => {
  let browser;
  let page;
  let readerToken;
  let otherToken;
  let reader;
  let other;
  let products;

  before(async () => {
    [readerToken, otherToken] = await Promise.all([userToken(READER), userToken(OTHER)]);
    reader = jwtClaims(readerToken).sub;
    other = jwtClaims(otherToken).sub;
    products = await packagedProducts(2);
    browser = await launchBrowser();
    page = await newPage(browser);
    await signIn(page, READER);
  });
  after(async () => {
    await browser?.close();
    await cleanUp(readerToken, [promotion.promotionId]);
    await cleanUp(otherToken, [promotion.promotionId]);
  });

  const list = () => page.getByRole('navigation', { name: 'Messages' });
  const badge = (count) => page.getByRole('button', { name: badgeName(count), exact: true });

  it('shows a second day of a promotion as the same thread, and the badge goes up once', async () => {
    const before = await unreadCount(readerToken);
    await badge(before).waitFor();
    await page.goto(`${env.web}/inbox`);

    const first = await deliverDay({ ...dayOf(1), products, recipients: [{ id: reader, body: 'Hi Alice, day one: 20% off.' }] });
    assert.equal(first.inserted, 1);
    await badge(before + 1).waitFor({ timeout: 15_000 });
    await list().getByRole('link', { name: rowName(1) }).waitFor();

    const second = await deliverDay({ ...dayOf(2), products, recipients: [{ id: reader, body: 'Hi Alice, day two: still 20% off.' }] });
    assert.equal(second.inserted, 1);
    assert.equal(await unreadCount(readerToken), before + 1, 'the thread counts once');
    await page.reload();
    const row = list().getByRole('link', { name: rowName(2) });
    await row.waitFor();
    assert.equal(await list().getByRole('link', { name: new RegExp(`^${escapeRegExp(promotion.title)},`) }).count(), 1, 'one row for the promotion');
    assert.match(await row.evaluate((link) => document.getElementById(link.getAttribute('aria-describedby')).textContent), /Unread, 2 new days/);
    await badge(before + 1).waitFor();
    // The page's count of unread threads is the badge's.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: `Unread ${before + 1}`, exact: true }).waitFor();
    await screenshot(page, 'inbox-threads-list');
    await expectNoAxeViolations(page, 'main', { label: 'the inbox list' });

    await row.click();
    const thread = page.getByRole('article', { name: promotion.title, exact: true });
    await thread.getByRole('heading', { level: 3, name: /^Day 2 of 3/ }).waitFor();
    await thread.getByText('Hi Alice, day two: still 20% off.').waitFor();
    const earlier = thread.getByRole('region', { name: 'Earlier days' });
    await earlier.getByText('Day 1 of 3').click();
    await earlier.getByText('Hi Alice, day one: 20% off.').waitFor();
    await badge(before).waitFor();
    assert.ok((await threadDays(readerToken, promotion.promotionId)).every((day) => day.readAt), 'opening read every day');
    await screenshot(page, 'inbox-thread');
    await expectNoAxeViolations(page, 'main', { label: 'a thread of two days' });
  });

  it('archives with Undo, and restores from Archived', async () => {
    const thread = page.getByRole('article', { name: promotion.title, exact: true });
    await thread.getByRole('button', { name: 'Archive', exact: true }).click();
    const toast = page.getByRole('status', { name: 'Notifications' });
    await toast.getByText(`Archived “${promotion.title}”.`).waitFor();
    assert.equal(new URL(page.url()).pathname, '/inbox');
    await list().getByRole('link', { name: rowName(2) }).waitFor({ state: 'detached' });
    assert.ok((await threadDays(readerToken, promotion.promotionId)).every((day) => day.archived));
    await screenshot(page, 'inbox-archived-undo');
    const undo = toast.getByRole('button', { name: 'Undo' });
    assert.ok(await undo.evaluate((button) => button === document.activeElement), 'Undo has focus');
    await undo.click();
    await list().getByRole('link', { name: rowName(2) }).waitFor();
    assert.ok((await threadDays(readerToken, promotion.promotionId)).every((day) => !day.archived));

    await list().getByRole('button', { name: `Archive “${promotion.title}”` }).click();
    await list().getByRole('link', { name: rowName(2) }).waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Archived/ }).click();
    await page.waitForURL(/\/inbox\?view=archived$/);
    await list().getByRole('button', { name: `Restore “${promotion.title}”` }).click();
    await list().getByRole('link', { name: rowName(2) }).waitFor({ state: 'detached' });
    await toast.getByText(`Restored “${promotion.title}”.`).waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Active/ }).click();
    await list().getByRole('link', { name: rowName(2) }).waitFor();
  });

  it('stops messages about the promotion for this customer only', async () => {
    await list().getByRole('link', { name: rowName(2) }).click();
    const thread = page.getByRole('article', { name: promotion.title, exact: true });
    await thread.getByRole('button', { name: 'Stop messages about this promotion' }).click();
    await thread.getByText('You get no more messages about this promotion.').waitFor();
    await thread.getByRole('button', { name: 'Resume messages about this promotion' }).waitFor();
    await screenshot(page, 'inbox-muted');

    const third = await deliverDay({
      ...dayOf(3),
      products,
      recipients: [
        { id: reader, body: 'Hi Alice, day three.' },
        { id: other, body: 'Hi Bob, day three.' },
      ],
    });
    assert.equal(third.suppressed, 1, `the muted customer's message is suppressed: ${JSON.stringify(third)}`);
    assert.equal(third.inserted, 1, `the other customer gets it: ${JSON.stringify(third)}`);
    assert.deepEqual((await threadDays(readerToken, promotion.promotionId)).map((day) => day.dayNumber), [2, 1]);
    assert.deepEqual((await threadDays(otherToken, promotion.promotionId)).map((day) => day.dayNumber), [3]);
    await page.reload();
    await list().getByRole('link', { name: rowName(2) }).waitFor();
    assert.equal(await list().getByRole('link', { name: rowName(3) }).count(), 0, 'nothing new in the list');

    await page.getByRole('button', { name: 'Resume messages about this promotion' }).click();
    await page.getByRole('button', { name: 'Stop messages about this promotion' }).waitFor();
  });

  it('works at 390 and 360 px: the list, a thread instead of it with Back, the dropdown on screen', async () => {
    const phone = await newPage(browser, { width: 390, height: 844 });
    await signIn(phone, READER);
    await phone.goto(`${env.web}/inbox`);
    const phoneList = phone.getByRole('navigation', { name: 'Messages' });
    const row = phoneList.getByRole('link', { name: rowName(2) });
    await row.waitFor();
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok((await overflow()) <= 0, `no horizontal scrolling on the list (${await overflow()} px)`);
    await screenshot(phone, 'inbox-phone-list');

    await row.click();
    const thread = phone.getByRole('article', { name: promotion.title, exact: true });
    await thread.waitFor();
    assert.equal(await phoneList.isVisible(), false, 'the thread replaces the list');
    assert.ok((await overflow()) <= 0, `no horizontal scrolling in the thread (${await overflow()} px)`);
    for (const name of ['Mark unread', 'Archive', 'Stop messages about this promotion']) {
      const box = await thread.getByRole('button', { name, exact: true }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${name} is on screen`);
    }
    await screenshot(phone, 'inbox-phone-thread');
    await phone.setViewportSize({ width: 360, height: 780 });
    assert.ok((await overflow()) <= 0, `no horizontal scrolling in the thread at 360 px (${await overflow()} px)`);
    await screenshot(phone, 'inbox-phone-360-thread');
    await thread.getByRole('link', { name: 'Back to messages' }).click();
    await row.waitFor();
    assert.equal(await thread.count(), 0);
    assert.ok((await overflow()) <= 0, `no horizontal scrolling on the list at 360 px (${await overflow()} px)`);
    await screenshot(phone, 'inbox-phone-360-list');
    await phone.setViewportSize({ width: 390, height: 844 });

    await phone.getByRole('banner').getByRole('button', { name: /^Inbox/ }).click();
    const dropdown = phone.getByRole('dialog', { name: 'Inbox' });
    await dropdown.getByRole('link', { name: 'View all messages' }).waitFor();
    const box = await dropdown.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the dropdown is on screen (${JSON.stringify(box)})`);
    await screenshot(phone, 'inbox-phone-dropdown');
    await phone.keyboard.press('Escape');
    await dropdown.waitFor({ state: 'detached' });
    assert.ok(await phone.getByRole('banner').getByRole('button', { name: /^Inbox/ }).evaluate((b) => b === document.activeElement), 'focus is back on Inbox');
    await phone.context().close();
  });
});

/** The fixed parts of every English string (inbox and common) that German says differently. */
function englishFragments() {
  const read = (language) => JSON.parse(readFileSync(new URL(`../src/locales/${language}.json`, import.meta.url), 'utf8'));
  const [en, de] = [read('en'), read('de')];
  const fragments = new Set();
  const walk = (english, german) => {
    if (typeof english === 'string') {
      if (english === german) return;
      for (const part of english.split(/\{\{[^}]+\}\}/)) {
        const text = part.replace(/[“”„.:,()…]/g, ' ').trim();
        if (text.length >= 3) fragments.add(text);
      }
      return;
    }
    for (const key of Object.keys(english ?? {})) walk(english[key], german?.[key]);
  };
  for (const namespace of ['common', 'inbox']) walk(en[namespace], de[namespace]);
  return [...fragments];
}

describe('inbox in German', () => {
  let browser;
  let token;

  before(async () => {
    token = await userToken(GERMAN);
    const products = await packagedProducts(1);
    await deliverDay({ ...dayOf(1), products, recipients: [{ id: jwtClaims(token).sub, body: 'Hallo Carol, 20 % Rabatt.' }] });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await cleanUp(token, [promotion.promotionId]);
  });

  it('has no English label left (browser language de-DE)', async () => {
    const page = await newPage(browser, undefined, { locale: 'de-DE' });
    await signIn(page, GERMAN, GERMAN, { language: 'de' });
    await page.goto(`${env.web}/inbox`);
    const views = page.getByRole('navigation', { name: 'Ansichten' });
    for (const name of [/^Aktiv/, /^Ungelesen/, /^Beendet/, /^Archiviert/]) await views.getByRole('link', { name }).waitFor();
    await page.getByRole('switch', { name: 'Aktionsnachrichten' }).waitFor();
    await page.getByRole('button', { name: 'Alle als gelesen markieren' }).waitFor();
    const row = page.getByRole('navigation', { name: 'Nachrichten' }).getByRole('link', {
      name: new RegExp(`^${escapeRegExp(promotion.title)}, Tag 1 von 3 · Endet `),
    });
    await row.click();
    const thread = page.getByRole('article', { name: promotion.title, exact: true });
    await thread.getByRole('button', { name: 'Keine Nachrichten mehr zu dieser Aktion' }).waitFor();
    await thread.getByRole('list', { name: 'Produkte dieser Aktion' }).getByText(/\d,\d\d\s€/).first().waitFor();
    await page.getByRole('banner').getByRole('button', { name: /^Posteingang/ }).click();
    const dropdown = page.getByRole('dialog', { name: 'Posteingang' });
    await dropdown.getByRole('link', { name: new RegExp(`^${escapeRegExp(promotion.title)}, Tag 1 von 3`) }).waitFor();
    await screenshot(page, 'inbox-german');

    // Everything the UI says — text, names, titles — without what admins wrote (subjects, bodies, product names).
    const shown = await page.evaluate(() => {
      const adminText = new Set(
        [...document.querySelectorAll('.thread-row-subject, .thread-row-snippet, .message-body, .thread-detail-header h2, .product-card-name')].map(
          (element) => element.textContent.trim(),
        ),
      );
      const strip = (text) => [...adminText].reduce((rest, admin) => (admin ? rest.split(admin).join(' ') : rest), text);
      const root = document.body.cloneNode(true);
      root.querySelectorAll('.thread-row-subject, .thread-row-snippet, .message-body, .thread-detail-header h2, .product-card-name, script, style').forEach((e) => e.remove());
      const labels = [...document.body.querySelectorAll('[aria-label], [title], [alt]')].flatMap((e) => ['aria-label', 'title', 'alt'].map((a) => e.getAttribute(a) ?? ''));
      return strip([root.textContent, ...labels].join('\n'));
    });
    const leftInEnglish = englishFragments().filter((fragment) => new RegExp(`\\b${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(shown));
    assert.deepEqual(leftInEnglish, [], 'no English UI text in the German inbox');
    await expectNoAxeViolations(page, 'main', { label: 'the German inbox' });
    await page.context().close();
  });
});

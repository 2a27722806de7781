// Helpers of the inbox e2e tests: promotion days put into customers' inboxes
// the way the fan-out job does (the internal batch endpoint, v2 shape, with a
// promo-job token), and the Inbox button's accessible name in each language.
import assert from 'node:assert/strict';
import { callApi, clientToken, env } from './support.mjs';

/** `YYYY-MM-DD`, `offset` days from today (UTC). */
export const dayFromToday = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The first `count` products of the inventory, packaged at 20 % off. */
export async function packagedProducts(count = 3) {
  const { data: products } = await callApi(`${env.inventory}/products?query=&limit=${count}`);
  assert.ok(Array.isArray(products) && products.length > 0, 'the inventory lists products');
  return products.slice(0, count).map((p) => ({ ...p, promoPriceCents: Math.round(p.priceCents * 0.8) }));
}

/**
 * One promotion day to `recipients` ([{ id, body }]); the subject is rendered
 * like the engine's ("{title} – day n of m"). Answers the batch result
 * `{ inserted, duplicates, suppressed, refused }`.
 */
export async function deliverDay({ promotionId, title, dayNumber, dayCount, day, expiresAt, products, recipients }) {
  const batch = {
    promotionId,
    day,
    dayNumber,
    dayCount,
    subject: `${title} – day ${dayNumber} of ${dayCount}`,
    expiresAt,
    products,
    messages: recipients.map(({ id, body }) => ({ idempotencyKey: `${promotionId}/${day}/${id}`, recipientId: id, body })),
  };
  const job = await clientToken('promo-job', 'promo-job-secret');
  const result = await callApi(`${env.inbox}/api/internal/inbox/messages:batch`, { token: job, method: 'POST', body: batch });
  assert.equal(result.status, 200, `batch answered ${result.status}: ${JSON.stringify(result.data)}`);
  assert.deepEqual(result.data.refused ?? [], [], JSON.stringify(result.data));
  return result.data;
}

/** The caller's days of one promotion, newest first ([] when none). */
export async function threadDays(token, promotionId) {
  const { status, data } = await callApi(`${env.inbox}/api/inbox/promotions/${encodeURIComponent(promotionId)}/messages`, { token });
  if (status === 404) return [];
  assert.equal(status, 200, JSON.stringify(data));
  return data.items;
}

export async function unreadCount(token) {
  const { status, data } = await callApi(`${env.inbox}/api/inbox/unread-count`, { token });
  assert.equal(status, 200, JSON.stringify(data));
  return data.count;
}

/** Archives and unmutes the caller's threads of these promotions (cleanup; a run's data must not pile up). */
export async function cleanUp(token, promotionIds) {
  for (const promotionId of promotionIds) {
    const days = await threadDays(token, promotionId);
    if (days.length > 0) await callApi(`${env.inbox}/api/inbox/messages/${days[0].id}`, { token, method: 'DELETE' });
    await callApi(`${env.inbox}/api/inbox/promotions/${encodeURIComponent(promotionId)}/mute`, { token, method: 'DELETE' });
  }
}

/** The Inbox button's accessible name (it carries the unread count). */
export function badgeName(count, language = 'en') {
  const [label, unread] = language === 'de' ? ['Posteingang', 'ungelesen'] : ['Inbox', 'unread'];
  return count > 0 ? `${label}, ${count} ${unread}` : label;
}

export const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

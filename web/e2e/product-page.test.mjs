// A customer opens a product page from a real inbox message: the product comes
// from the inventory's public endpoint through the web server's proxy, the
// promotion price, name and end from the message. The inventory hands out
// this page as the product's url.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, clientToken, env, jwtClaims, launchBrowser, newPage, runId, screenshot, signIn, userToken } from './support.mjs';

const CUSTOMER = 'carol';
const SKU = 'COF-1001';

/** One promotion day into the customer's inbox, the way the fan-out job delivers it. */
async function deliverMessage(recipientId, products) {
  const day = new Date().toISOString().slice(0, 10);
  const batch = {
    promotionId: `e2e-product-${runId}`,
    day,
    dayNumber: 1,
    dayCount: 2,
    subject: `Coffee week ${runId}: 20% off`,
    expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    products,
    messages: [{ idempotencyKey: `e2e-product-${runId}/${day}/${recipientId}`, recipientId, body: 'Hi Carol, 20% off coffee.' }],
  };
  const job = await clientToken('promo-job', 'promo-job-secret');
  const result = await callApi(`${env.inbox}/api/internal/inbox/messages:batch`, { token: job, method: 'POST', body: batch });
  assert.equal(result.status, 200, `batch insert answered ${result.status}: ${JSON.stringify(result.data)}`);
  assert.equal(result.data.inserted, 1, JSON.stringify(result.data));
  return batch;
}

/** The inbox's id of the message of `promotionId` (the list holds each promotion's latest message). */
async function messageIdOf(token, promotionId) {
  const { status, data } = await callApi(`${env.inbox}/api/inbox/messages?limit=100`, { token });
  assert.equal(status, 200);
  const items = Array.isArray(data) ? data : (data.items ?? data.messages ?? data.content ?? []);
  const message = items.find((item) => item.promotionId === promotionId);
  assert.ok(message, `the message of ${promotionId} is in the inbox`);
  return String(message.id);
}

describe('product page', () => {
  let browser;
  let page;
  let customerToken;
  let product;
  let delivered;
  let messageId;

  before(async () => {
    customerToken = await userToken(CUSTOMER);
    const found = await callApi(`${env.inventory}/products/${SKU}`);
    assert.equal(found.status, 200, 'the inventory knows the product');
    product = found.data;
    // what the calendar copies into a package: the product as the inventory hands it out, plus a promotion price
    const packaged = { ...product, promoPriceCents: Math.round(product.priceCents * 0.8) };
    delivered = await deliverMessage(jwtClaims(customerToken).sub, [packaged]);
    messageId = await messageIdOf(customerToken, delivered.promotionId);
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    if (messageId) await callApi(`${env.inbox}/api/inbox/messages/${messageId}`, { token: customerToken, method: 'DELETE' });
  });

  it('is the url the inventory hands out, and its data is public through the web server', async () => {
    assert.equal(product.url, `${env.web}/products/${SKU}`);
    const response = await fetch(`${env.web}/api/public/products/${SKU}`, { headers: { Accept: 'application/json' } });
    assert.equal(response.status, 200);
    const publicProduct = await response.json();
    assert.deepEqual(
      { sku: publicProduct.sku, name: publicProduct.name, priceCents: publicProduct.priceCents, currency: publicProduct.currency },
      { sku: SKU, name: product.name, priceCents: product.priceCents, currency: product.currency },
    );
  });

  it('opened from a message, shows the picture, the regular price and the message’s promotion price, name and end', async () => {
    await signIn(page, CUSTOMER);
    await page.goto(`${env.web}/products/${SKU}?message=${encodeURIComponent(messageId)}`);

    await page.getByRole('heading', { level: 1, name: product.name }).waitFor();
    const picture = page.getByRole('img', { name: product.name });
    await picture.waitFor();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));

    const offer = page.getByRole('region', { name: 'Your promotion' });
    await offer.waitFor();
    await offer.getByText(delivered.subject, { exact: true }).waitFor();
    const priceUnder = (label) => offer.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').textContent();
    assert.equal(await priceUnder('Regular price'), '€18.99');
    assert.equal(await priceUnder('Promotion price'), '€15.19');
    // the end in the reader's zone (the browser runs in Europe/Berlin), with the zone named
    const ends = await offer.getByText(/^Ends /).textContent();
    assert.match(ends, /^Ends .+ (CET|CEST|GMT[+-]\d+)$/);
    await page.getByRole('link', { name: /Back to the message/ }).waitFor();
    await screenshot(page, 'product-page');

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'product-page-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('without a message shows the regular price only', async () => {
    await page.goto(`${env.web}/products/${SKU}`);
    await page.getByRole('heading', { level: 1, name: product.name }).waitFor();
    assert.equal(await page.locator('dt', { hasText: /^Price$/ }).locator('xpath=following-sibling::dd').textContent(), '€18.99');
    assert.equal(await page.getByRole('region', { name: 'Your promotion' }).count(), 0);
  });

  it('when the inventory does not answer, shows an error with a retry that works', async () => {
    // the inventory "down" for this page only: the web server's proxy answers 502 as it would
    const down = (route) => route.fulfill({ status: 502, body: '' });
    await page.route('**/api/public/products/**', down);
    await page.goto(`${env.web}/products/${SKU}`);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'The product could not be loaded' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'product-page-error');
    await page.unroute('**/api/public/products/**', down);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: product.name }).waitFor();
  });

  it('says so for an unknown SKU', async () => {
    await page.goto(`${env.web}/products/NOPE-${runId}`);
    await page.getByRole('heading', { level: 1, name: 'Product not found' }).waitFor();
    await screenshot(page, 'product-page-not-found');
  });
});

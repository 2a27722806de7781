import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, json, problem, type FakeApi } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { formatMoney, formatZonedDateTime } from '@/lib/format';
import { i18n } from '@/lib/i18n';
import { useParams, useSearchParams } from 'react-router';
import { ProductPage } from './product-page';

const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
const past = new Date(Date.now() - 86_400_000).toISOString();

const espresso = {
  sku: 'COF-1001',
  name: 'Espresso Beans Dark Roast 1 kg',
  imageUrl: 'http://127.0.0.1:8083/images/COF-1001.svg',
  priceCents: 1899,
  currency: 'EUR',
  description: 'Roasted in small batches.',
};

const message = (overrides: Record<string, unknown> = {}) => ({
  id: '42',
  promotionId: 'summer-sale',
  subject: 'Summer Sale: 20% off coffee',
  body: 'Hi Alice',
  expiresAt: future,
  expired: false,
  withdrawn: false,
  products: [
    { sku: 'TEA-2001', name: 'Green Tea', priceCents: 749, promoPriceCents: 599, currency: 'EUR', url: null },
    { sku: 'COF-1001', name: espresso.name, priceCents: 1899, promoPriceCents: 1519, currency: 'EUR', url: null },
  ],
  ...overrides,
});

function RoutedProductPage() {
  const { sku } = useParams();
  const [search] = useSearchParams();
  return <ProductPage sku={sku!} messageId={search.get('message') ?? undefined} />;
}

function renderProduct(api: FakeApi, path: string) {
  return renderWithApp(<RoutedProductPage />, { api, path, route: '/products/:sku' });
}

const withProduct = (api = createFakeApi()) =>
  api.on('GET', '/api/public/products/COF-1001', () => json(espresso));

/** The value shown under a price label ("Regular price", "Promotion price"). */
function priceUnder(label: string) {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
}

describe('ProductPage', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('shows the picture, name, description and regular price from the public endpoint', async () => {
    const api = withProduct();
    renderProduct(api, '/products/COF-1001');

    expect(await screen.findByRole('heading', { level: 1, name: espresso.name })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: espresso.name })).toHaveAttribute('src', espresso.imageUrl);
    expect(screen.getByText('Roasted in small batches.')).toBeInTheDocument();
    expect(screen.getByText('SKU COF-1001')).toBeInTheDocument();
    expect(priceUnder('Price')).toBe('€18.99');
    expect(screen.queryByRole('region', { name: 'Your promotion' })).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/api/public/products/COF-1001')).toHaveLength(1);
    expect(api.calls.some((call) => call.url.pathname.startsWith('/api/inbox'))).toBe(false);
  });

  it('opened from a message, shows that message’s promotion price, name and end', async () => {
    const api = withProduct().on('GET', '/api/inbox/messages/42', () => json(message()));
    renderProduct(api, '/products/COF-1001?message=42');

    const offer = await screen.findByRole('region', { name: 'Your promotion' });
    expect(within(offer).getByText('Summer Sale: 20% off coffee')).toBeInTheDocument();
    expect(priceUnder('Promotion price')).toBe('€15.19');
    expect(priceUnder('Regular price')).toBe('€18.99');
    expect(within(offer).getByText('€18.99').tagName).toBe('DEL');
    expect(within(offer).getByText(`Ends ${formatZonedDateTime(future)}`)).toBeInTheDocument();
    // the reader's zone is named
    expect(formatZonedDateTime(future)).toMatch(/[A-Z]{3,}|GMT/);
    expect(screen.getByRole('link', { name: /Back to the message/ })).toHaveAttribute('href', '/inbox/42');
  });

  it('formats the promotion price by the currency’s own digits', async () => {
    const api = createFakeApi()
      .on('GET', '/api/public/products/DIYA-SET-12', () =>
        json({ sku: 'DIYA-SET-12', name: 'Clay diya set (12)', imageUrl: 'http://127.0.0.1:8083/images/DIYA-SET-12.svg', priceCents: 49900, currency: 'INR' }),
      )
      .on('GET', '/api/inbox/messages/7', () =>
        json(message({ id: '7', products: [{ sku: 'DIYA-SET-12', name: 'Clay diya set (12)', priceCents: 49900, promoPriceCents: 39900, currency: 'INR' }] })),
      );
    renderProduct(api, '/products/DIYA-SET-12?message=7');
    await screen.findByRole('region', { name: 'Your promotion' });
    expect(priceUnder('Promotion price')).toBe(formatMoney(39900, 'INR'));
    expect(priceUnder('Promotion price')).toMatch(/399\.00/);
  });

  it('says clearly when there is no such product', async () => {
    const api = createFakeApi().on('GET', '/api/public/products/NOPE-1', () =>
      problem(404, { title: 'Product not found', detail: 'There is no product with the SKU NOPE-1.' }),
    );
    renderProduct(api, '/products/NOPE-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Product not found' })).toBeInTheDocument();
    expect(screen.getByText(/no product with the SKU “NOPE-1”/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to home' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('when the inventory is down, shows an error and loads the product on retry', async () => {
    let inventoryUp = false;
    const api = createFakeApi().on('GET', '/api/public/products/COF-1001', () =>
      inventoryUp ? json(espresso) : problem(502, { title: 'Bad Gateway' }),
    );
    renderProduct(api, '/products/COF-1001');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The product could not be loaded' })).toBeInTheDocument();
    inventoryUp = true;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: espresso.name })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('treats an answer that is not a product (no proxy in front) as a failure', async () => {
    const api = createFakeApi().on(
      'GET',
      '/api/public/products/COF-1001',
      () => new Response('<!doctype html><div id="root"></div>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    );
    renderProduct(api, '/products/COF-1001');
    expect(await screen.findByRole('heading', { name: 'The product could not be loaded' })).toBeInTheDocument();
  });

  it('shows the regular price with a note when the message is not the reader’s (or gone)', async () => {
    const api = withProduct().on('GET', '/api/inbox/messages/99', () => problem(404, { title: 'Not Found' }));
    renderProduct(api, '/products/COF-1001?message=99');
    expect(await screen.findByText(/message you came from is no longer available/)).toBeInTheDocument();
    expect(priceUnder('Price')).toBe('€18.99');
    expect(screen.queryByText('Promotion price')).not.toBeInTheDocument();
  });

  it('offers a retry when the message cannot be loaded', async () => {
    let inboxUp = false;
    const api = withProduct().on('GET', '/api/inbox/messages/42', () => (inboxUp ? json(message()) : problem(503, { title: 'Unavailable' })));
    renderProduct(api, '/products/COF-1001?message=42');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Your promotion price could not be loaded.')).toBeInTheDocument();
    inboxUp = true;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('region', { name: 'Your promotion' });
    expect(priceUnder('Promotion price')).toBe('€15.19');
  });

  it('shows no promotion price once the promotion has ended or was withdrawn, or for a product not in it', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ expiresAt: past, expired: true }, /“Summer Sale: 20% off coffee” has ended/],
      [{ withdrawn: true }, /“Summer Sale: 20% off coffee” was withdrawn/],
      [{ products: [message().products[0]] }, /not part of the promotion “Summer Sale: 20% off coffee”/],
    ];
    for (const [overrides, note] of cases) {
      const api = withProduct().on('GET', '/api/inbox/messages/42', () => json(message(overrides)));
      const { unmount } = renderProduct(api, '/products/COF-1001?message=42');
      expect(await screen.findByText(note)).toBeInTheDocument();
      expect(priceUnder('Price')).toBe('€18.99');
      expect(screen.queryByText('Promotion price')).not.toBeInTheDocument();
      unmount();
    }
  });

  it('speaks German', async () => {
    await i18n.changeLanguage('de');
    const api = withProduct().on('GET', '/api/inbox/messages/42', () => json(message()));
    renderProduct(api, '/products/COF-1001?message=42');
    await screen.findByRole('region', { name: 'Ihre Aktion' });
    await waitFor(() => expect(priceUnder('Aktionspreis')).toBe(formatMoney(1519, 'EUR', 'de')));
    expect(priceUnder('Normalpreis')).toMatch(/18,99\s€/);
    expect(screen.getByText(/^Endet /)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Zurück zur Nachricht/ })).toBeInTheDocument();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, json, problem } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { i18n } from '@/lib/i18n';
import type { Promotion } from '../api/promotions-api';
import { PromotionEditor } from './promotion-editor';

const saved = (overrides: Partial<Promotion> = {}): Promotion => ({
  id: 'p1',
  version: 3,
  status: 'DRAFT',
  title: 'Summer sale',
  timeZone: 'Europe/Berlin',
  startsAt: '2026-07-01T14:00',
  endsAt: '2026-07-04T09:00',
  dailySendTime: '09:00',
  package: {
    name: 'Summer pack',
    discountPercent: 20,
    message: 'Hi {{firstName}}',
    products: [{ sku: 'SKU-1', name: 'Trail shoe', priceCents: 10000, promoPriceCents: 8000, currency: 'EUR' }],
  },
  ...overrides,
});

const previewRoute = () => json({ occurrences: [], sampleMessage: { subject: 's', body: 'b' } });

describe('PromotionEditor', () => {
  it('shows problem+json field errors at their fields', async () => {
    const api = createFakeApi().on('POST', '/api/promotions', () =>
      problem(400, {
        title: 'Bad Request',
        detail: 'The promotion is invalid.',
        errors: [
          { field: 'title', message: 'must not be blank' },
          { field: 'endsAt', message: 'must be after startsAt' },
          { field: 'package.message', message: 'unknown placeholder {{nickname}}' },
        ],
      }),
    );
    renderWithApp(<PromotionEditor onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    // the form is its own chunk: it appears once loaded
    await userEvent.click(await screen.findByRole('button', { name: 'Save draft' }));

    const title = await screen.findByLabelText('Title');
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(title).toHaveAccessibleDescription('must not be blank');
    expect(screen.getByLabelText('Ends')).toHaveAccessibleDescription(/must be after startsAt/);
    expect(screen.getByLabelText('Message')).toHaveAccessibleDescription(/unknown placeholder \{\{nickname\}\}/);
    expect(screen.getByLabelText('Starts')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('The promotion is invalid.');
  });

  it('sends the form as Promotion JSON and shows overlap warnings', async () => {
    const onCreated = vi.fn();
    const api = createFakeApi()
      .on('POST', '/api/promotions', ({ body }) => json({ ...saved(), ...(body as object), id: 'p9', version: 1, status: 'DRAFT', warnings: ['Overlaps with “Spring sale”'] }, 201))
      .on('GET', '/api/promotions/p9/preview', previewRoute);
    renderWithApp(<PromotionEditor onClose={vi.fn()} onCreated={onCreated} />, { api });

    await userEvent.type(await screen.findByLabelText('Title'), 'Autumn deals');
    await userEvent.type(screen.getByLabelText('Package name'), 'Autumn pack');
    await userEvent.type(screen.getByRole('combobox', { name: 'Time zone' }), 'berlin');
    await userEvent.click(screen.getByRole('option', { name: /^Europe\/Berlin UTC\+0[12]:00$/ }));
    await userEvent.type(screen.getByLabelText('Starts'), '2026-10-01T10:00');
    await userEvent.type(screen.getByLabelText('Ends'), '2026-10-05T00:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('p9'));
    const body = api.callsTo('POST', '/api/promotions')[0].body as Promotion;
    expect(body).toMatchObject({
      title: 'Autumn deals',
      timeZone: 'Europe/Berlin',
      startsAt: '2026-10-01T10:00',
      endsAt: '2026-10-05T00:00',
      package: { name: 'Autumn pack', discountPercent: 20 },
    });
    expect(await screen.findByText('Overlaps with “Spring sale”')).toBeInTheDocument();
  });

  it('offers to reload when the version is stale (412)', async () => {
    let loads = 0;
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved({ version: 3 + loads++ })))
      .on('GET', '/api/promotions/p1/preview', previewRoute)
      .on('PUT', '/api/promotions/p1', () => problem(412, { title: 'Precondition Failed' }));
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    const title = await screen.findByLabelText('Title');
    await userEvent.type(title, '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This promotion was changed elsewhere.');
    expect(api.callsTo('PUT', '/api/promotions/p1')[0].headers.get('If-Match')).toBe('3');
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload latest version' }));
    await waitFor(() => expect(api.callsTo('GET', '/api/promotions/p1')).toHaveLength(2));
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Summer sale'));
  });

  it('publishes only after confirmation', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved()))
      .on('GET', '/api/promotions/p1/preview', () =>
        json({
          occurrences: [
            { index: 0, day: '2026-07-01', fireAt: '2026-07-01T12:00:00Z' },
            { index: 1, day: '2026-07-02', fireAt: '2026-07-02T07:00:00Z' },
          ],
          sampleMessage: { subject: 'Summer sale', body: 'Hi Alice' },
        }),
      )
      .on('POST', '/api/promotions/p1/publish', () => json(saved({ status: 'PUBLISHED', version: 4 })));
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    expect(await screen.findByText('2 daily messages')).toBeInTheDocument();
    expect(screen.getByText('Hi Alice')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Publish…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Publish this promotion?' });
    expect(api.callsTo('POST', '/api/promotions/p1/publish')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/promotions/p1/publish')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/promotions/p1/publish')[0].headers.get('If-Match')).toBe('3');
    expect(await screen.findByRole('button', { name: 'Unpublish…' })).toBeInTheDocument();
    expect(await screen.findByText(/^Published\./)).toBeInTheDocument();
  });

  it('sends the chosen day to the admin as a test', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved()))
      .on('GET', '/api/promotions/p1/preview', () =>
        json({
          occurrences: [
            { index: 0, day: '2026-12-05', fireAt: '2026-12-05T09:00:00Z' },
            { index: 1, day: '2026-12-06', fireAt: '2026-12-06T09:00:00Z' },
          ],
          sampleMessage: { subject: 's', body: 'b' },
        }),
      )
      .on('POST', '/api/promotions/p1/test-send', () => json({ day: '2026-12-06', dayNumber: 2, delivered: true }));
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    await userEvent.selectOptions(await screen.findByLabelText('Test message of'), 'Day 2');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a test' }));

    expect(await screen.findByText(/Day 2 is in your inbox, marked as a test\./)).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/promotions/p1/test-send')[0].body).toEqual({ day: '2026-12-06' });
  });

  it('duplicates a promotion into a new draft and opens it', async () => {
    const onCreated = vi.fn();
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved()))
      .on('GET', '/api/promotions/p1/preview', previewRoute)
      .on('POST', '/api/promotions/p1/duplicate', () => json({ ...saved({ id: 'p2', title: 'Spring sale (copy)', version: 1, status: 'DRAFT' }), warnings: [] }, 201));
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={onCreated} />, { api });

    await userEvent.click(await screen.findByRole('button', { name: 'Duplicate' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('p2'));
    expect(api.callsTo('POST', '/api/promotions/p1/duplicate')).toHaveLength(1);
  });

  it('asks for the reason customers will see before it unpublishes', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved({ status: 'PUBLISHED' })))
      .on('POST', '/api/promotions/p1/unpublish', () => json({ ...saved({ status: 'UNPUBLISHED', version: 4 }), warnings: [] }));
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    await userEvent.click(await screen.findByRole('button', { name: 'Unpublish…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Unpublish this promotion?' });
    expect(api.callsTo('POST', '/api/promotions/p1/unpublish')).toHaveLength(0);
    await userEvent.type(within(dialog).getByLabelText('Reason shown to customers (optional)'), 'The price was wrong');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Unpublish' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/promotions/p1/unpublish')).toHaveLength(1));
    const call = api.callsTo('POST', '/api/promotions/p1/unpublish')[0];
    expect(call.headers.get('If-Match')).toBe('3');
    expect(call.body).toEqual({ reason: 'The price was wrong' });
  });

  it('refuses to delete a published promotion', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved({ status: 'PUBLISHED' })))
      .on('GET', '/api/promotions/p1/preview', previewRoute);
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });
    const remove = await screen.findByRole('button', { name: 'Delete…' });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription('Unpublish before deleting.');
  });

  it('adds products from the inventory search with their promotion price', async () => {
    const api = createFakeApi()
      .on('GET', '/api/products', ({ url }) =>
        json(
          url.searchParams.get('query') === 'tea'
            ? [{ sku: 'T-1', name: 'Green tea 100 g', priceCents: 500, currency: 'EUR', imageUrl: null, url: null }]
            : [],
        ),
      )
      .on('POST', '/api/promotions', () => problem(400, { detail: 'stop here' }));
    renderWithApp(<PromotionEditor onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search products' }), 'tea');
    await userEvent.click(await screen.findByRole('button', { name: /Green tea 100 g/ }));
    const chosen = screen.getByRole('list', { name: 'Products in the package' });
    const euro = (cents: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(cents / 100);
    expect(within(chosen).getByText(euro(400))).toBeInTheDocument(); // 20 % off 5.00

    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/promotions')).toHaveLength(1));
    expect((api.callsTo('POST', '/api/promotions')[0].body as Promotion).package.products).toEqual([
      { sku: 'T-1', name: 'Green tea 100 g', priceCents: 500, promoPriceCents: 400, currency: 'EUR', imageUrl: null, url: null },
    ]);
  });

  it('warns at the field when a saved local time falls into a clock change, and saves anyway', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved({ startsAt: '2026-03-28T10:00', endsAt: '2026-04-02T00:00', dailySendTime: '02:30' })))
      .on('GET', '/api/promotions/p1/preview', previewRoute)
      .on('PUT', '/api/promotions/p1', ({ body }) =>
        json({
          ...saved(body as Partial<Promotion>),
          version: 4,
          warnings: [
            {
              code: 'LOCAL_TIME_IN_GAP',
              field: 'dailySendTime',
              message: '02:30 does not exist on 2026-03-29 in Europe/Berlin',
              days: ['2026-03-29'],
            },
            { code: 'OVERLAPPING_PROMOTION', message: 'Overlaps with “Easter”', promotionId: 'p7', promotionTitle: 'Easter', promotionStatus: 'PUBLISHED', skus: ['SKU-1'] },
          ],
        }),
      );
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    await userEvent.type(await screen.findByLabelText('Title'), '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText(/^Changes saved\./)).toBeInTheDocument();
    const sendTime = screen.getByLabelText('Daily send time');
    await waitFor(() =>
      expect(sendTime).toHaveAccessibleDescription(
        /Warning: 02:30 does not exist on Sun, (29 Mar|Mar 29),? 2026 in Europe\/Berlin \(the clocks go forward\): it is moved later by the length of the jump\. Saved anyway; see the preview\./,
      ),
    );
    expect(sendTime).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Starts')).toHaveAccessibleDescription('');
    // The overlap stays in the alert above the fields.
    expect(screen.getByText('Overlaps with “Easter”')).toBeInTheDocument();
  });

  it('shows the local-time warnings the loaded promotion carries at their field', async () => {
    const overlap = { code: 'LOCAL_TIME_IN_OVERLAP', field: 'startsAt', message: 'twice', days: ['2026-10-25'] };
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () =>
        json({ ...saved({ startsAt: '2026-10-25T02:30', endsAt: '2026-10-28T00:00' }), warnings: [overlap] }),
      )
      .on('GET', '/api/promotions/p1/preview', previewRoute);
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    const starts = await screen.findByLabelText('Starts');
    expect(starts).toHaveAccessibleDescription(
      /^Warning: 02:30 happens twice on Sun, (25 Oct|Oct 25),? 2026 in Europe\/Berlin \(the clocks go back\): the earlier one counts\. Saved anyway; see the preview\.$/,
    );
    expect(screen.getByLabelText('Daily send time')).toHaveAccessibleDescription(/^From the second day on\./);
  });

  it('has Details, Results and History tabs once published, switched with the arrow keys', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved({ status: 'PUBLISHED' })))
      .on('GET', '/api/promotions/p1/preview', previewRoute)
      .on('GET', '/api/promotions/p1/deliveries', () => json({ days: [] }))
      .on('GET', '/api/inbox/promotion-stats/p1', () => json({ days: [] }))
      .on('GET', '/api/promotions/p1/audit', () => json([{ promotionId: 'p1', version: 0, action: 'CREATED', actor: 'admin', at: '2026-11-30T09:00:00Z', changes: [] }]));
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });

    const tablist = await screen.findByRole('tablist', { name: 'Promotion' });
    expect(within(tablist).getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Details', 'Results', 'History']);
    const details = screen.getByRole('tab', { name: 'Details' });
    expect(details).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Details' })).toContainElement(screen.getByLabelText('Title'));

    await userEvent.type(screen.getByLabelText('Title'), ' edited');
    details.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Results' })).toHaveFocus();
    expect(await screen.findByText(/No day is due yet/)).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).not.toBeVisible();
    expect(screen.getByRole('tabpanel', { name: 'Results' })).toBeVisible();

    await userEvent.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('admin created the draft')).toBeInTheDocument();

    // Back on Details the unsaved edit is still there.
    await userEvent.keyboard('{Home}');
    expect(screen.getByLabelText('Title')).toHaveValue('Summer sale edited');
  });

  it('has no Results tab for a draft', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1', () => json(saved()))
      .on('GET', '/api/promotions/p1/preview', previewRoute);
    renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });
    const tablist = await screen.findByRole('tablist');
    expect(within(tablist).getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Details', 'History']);
  });

  describe('in German', () => {
    afterEach(() => i18n.changeLanguage('en'));

    it('names the tabs and the zone list in German', async () => {
      await i18n.changeLanguage('de');
      const api = createFakeApi()
        .on('GET', '/api/promotions/p1', () => json(saved({ status: 'PUBLISHED' })))
        .on('GET', '/api/promotions/p1/preview', previewRoute);
      renderWithApp(<PromotionEditor promotionId="p1" onClose={vi.fn()} onCreated={vi.fn()} />, { api });

      const tablist = await screen.findByRole('tablist', { name: 'Aktion' });
      expect(within(tablist).getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Details', 'Ergebnisse', 'Verlauf']);
      await userEvent.type(screen.getByRole('combobox', { name: 'Zeitzone' }), 'Atlantis');
      expect(screen.getByRole('listbox', { name: 'Zeitzonen' })).toHaveTextContent('Keine Zeitzone passt zu „Atlantis“.');
    });

    it('labels the form, formats prices and starts the message in German', async () => {
      await i18n.changeLanguage('de');
      const api = createFakeApi().on('GET', '/api/products', () =>
        json([{ sku: 'T-1', name: 'Grüner Tee 100 g', priceCents: 129900, currency: 'EUR', imageUrl: null, url: null }]),
      );
      renderWithApp(<PromotionEditor onClose={vi.fn()} onCreated={vi.fn()} />, { api });

      expect(screen.getByRole('dialog', { name: 'Neue Aktion' })).toBeInTheDocument();
      expect(screen.getByLabelText('Titel')).toBeInTheDocument();
      expect(screen.getByLabelText('Beginn')).toHaveAccessibleDescription('');
      expect(screen.getByLabelText('Ende')).toHaveAccessibleDescription('Ausschließlich: ab diesem Zeitpunkt wird nichts mehr gesendet.');
      expect(screen.getByLabelText('Nachricht')).toHaveValue(
        'Hallo {{firstName}}, {{promotionTitle}} läuft: {{discountPercent}} % Rabatt bis {{endsAt}}. Tag {{dayNumber}}, noch {{daysLeft}} Tage.',
      );
      expect(screen.getByRole('button', { name: 'Entwurf speichern' })).toBeInTheDocument();

      await userEvent.type(screen.getByRole('searchbox', { name: 'Produkte suchen' }), 'tee');
      await userEvent.click(await screen.findByRole('button', { name: /Grüner Tee 100 g/ }));
      const chosen = screen.getByRole('list', { name: 'Produkte im Paket' });
      // 1.299,00 € less 20 % (the query's whitespace normalizing turns Intl's no-break space into a space)
      expect(within(chosen).getByText('1.039,20 €')).toBeInTheDocument();
      expect(within(chosen).getByRole('button', { name: 'Grüner Tee 100 g entfernen' })).toBeInTheDocument();
    });
  });
});

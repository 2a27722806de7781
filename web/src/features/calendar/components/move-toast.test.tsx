import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, json, problem, type FakeRequest } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import type { Promotion } from '../api/promotions-api';
import type { WallClockShift } from '../api/promotion-move';
import { usePromotionMove } from '../hooks/use-promotion-move';
import { MoveToast } from './move-toast';

const promotion: Promotion = {
  id: 'p1',
  version: 3,
  status: 'DRAFT',
  title: 'Spring sale',
  timeZone: 'Europe/Berlin',
  startsAt: '2027-03-24T10:00',
  endsAt: '2027-03-26T10:00',
  dailySendTime: null,
  package: { name: 'Pack', discountPercent: 10, message: 'Hi', products: [] },
};

/** The page's wiring without FullCalendar: a button stands for a drag by `shift`. */
function Harness({ revert, shift }: { revert: () => void; shift: WallClockShift }) {
  const mover = usePromotionMove();
  return (
    <>
      <button type="button" onClick={() => mover.move(promotion, shift, shift, revert)}>
        drag
      </button>
      <MoveToast notice={mover.notice} onClose={mover.dismiss} />
    </>
  );
}

/** A stored promotion that PUTs update, checking If-Match like the service. */
function service(options: { staleAt?: number } = {}) {
  let stored = { ...promotion };
  const puts: FakeRequest[] = [];
  const api = createFakeApi()
    .on('GET', '/api/promotions', () => json([stored]))
    .on('PUT', '/api/promotions/p1', (request) => {
      puts.push(request);
      const expected = Number(request.headers.get('If-Match'));
      if (expected !== stored.version || expected === options.staleAt) {
        return problem(412, { title: 'Precondition Failed', detail: 'version is stale' });
      }
      const body = request.body as Partial<Promotion>;
      stored = { ...stored, ...body, version: stored.version + 1 };
      return json(stored);
    });
  return { api, puts };
}

describe('dragging a promotion on the calendar', () => {
  it('saves the move with If-Match in the promotion’s own zone, and Undo puts the old times back on the new version', async () => {
    const { api, puts } = service();
    const revert = vi.fn();
    renderWithApp(<Harness revert={revert} shift={{ days: 7 }} />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'drag' }));

    const region = screen.getByRole('status', { name: 'Calendar changes' });
    await waitFor(() => expect(region).toHaveTextContent('“Spring sale” moved.'));
    expect(puts[0].headers.get('If-Match')).toBe('3');
    expect(puts[0].body).toMatchObject({ startsAt: '2027-03-31T10:00', endsAt: '2027-04-02T10:00', timeZone: 'Europe/Berlin' });
    expect(revert).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(region).toHaveTextContent('“Spring sale” is back at its previous time.'));
    expect(puts[1].headers.get('If-Match')).toBe('4');
    expect(puts[1].body).toMatchObject({ startsAt: '2027-03-24T10:00', endsAt: '2027-03-26T10:00' });
  });

  it('puts the bar back and says so when someone else saved first (412)', async () => {
    const { api } = service({ staleAt: 3 });
    const revert = vi.fn();
    const { queryClient } = renderWithApp(<Harness revert={revert} shift={{ days: 1 }} />, { api });
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    await userEvent.click(screen.getByRole('button', { name: 'drag' }));

    await waitFor(() => expect(revert).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('status', { name: 'Calendar changes' })).toHaveTextContent(
      '“Spring sale” was changed elsewhere in the meantime, so it was not moved. The calendar now shows the latest version.',
    );
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['promotions', 'range'] });
  });

  it('puts the bar back with the service’s reason on any other refusal', async () => {
    const api = createFakeApi().on('PUT', '/api/promotions/p1', () =>
      problem(422, { title: 'Unprocessable', detail: 'endsAt must be after startsAt' }),
    );
    const revert = vi.fn();
    renderWithApp(<Harness revert={revert} shift={{ days: 1 }} />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'drag' }));
    await waitFor(() => expect(revert).toHaveBeenCalled());
    expect(screen.getByRole('status', { name: 'Calendar changes' })).toHaveTextContent('Could not move “Spring sale”.');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('status', { name: 'Calendar changes' })).toBeEmptyDOMElement();
  });

  describe('how long the note stays', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('a saved move’s note closes by itself after 10 s', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const { api } = service();
      renderWithApp(<Harness revert={vi.fn()} shift={{ days: 1 }} />, { api });
      await userEvent.click(screen.getByRole('button', { name: 'drag' }));
      const region = screen.getByRole('status', { name: 'Calendar changes' });
      await waitFor(() => expect(region).toHaveTextContent('“Spring sale” moved.'));
      // A drag leaves focus where it was: Undo does not take it.
      expect(screen.getByRole('button', { name: 'Undo' })).not.toHaveFocus();
      await act(() => vi.advanceTimersByTimeAsync(9_900));
      expect(region).toHaveTextContent('“Spring sale” moved.');
      await act(() => vi.advanceTimersByTimeAsync(200));
      expect(region).toBeEmptyDOMElement();
    });

    it('a refusal stays until dismissed, with the service’s reason', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const api = createFakeApi().on('PUT', '/api/promotions/p1', () =>
        problem(422, { title: 'Unprocessable', detail: 'endsAt must be after startsAt' }),
      );
      renderWithApp(<Harness revert={vi.fn()} shift={{ days: 1 }} />, { api });
      await userEvent.click(screen.getByRole('button', { name: 'drag' }));
      const region = screen.getByRole('status', { name: 'Calendar changes' });
      await waitFor(() => expect(region).toHaveTextContent('Could not move “Spring sale”.'));
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(region).toHaveTextContent('Could not move “Spring sale”. endsAt must be after startsAt');
    });
  });
});

import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { i18n } from '@/lib/i18n';
import type { VisibleRange } from '../hooks/use-promotions';
import { EventCalendar } from './event-calendar';

/** The page's wiring: the visible range goes into state, which re-renders the calendar. */
function CalendarWithRange({ onRangeChange }: { onRangeChange: (range: VisibleRange) => void }) {
  const [, setRange] = useState<VisibleRange | null>(null);
  return (
    <EventCalendar
      promotions={[]}
      onRangeChange={(range) => {
        onRangeChange(range);
        setRange(range);
      }}
      onSelectRange={vi.fn()}
      onOpenPromotion={vi.fn()}
    />
  );
}

describe('EventCalendar', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('reports its range once, however often the page re-renders with it', async () => {
    const onRangeChange = vi.fn();
    render(<CalendarWithRange onRangeChange={onRangeChange} />);
    expect(await screen.findByRole('button', { name: 'Today' })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onRangeChange).toHaveBeenCalledTimes(1);
  });

  it('speaks German: toolbar, weekdays and month', async () => {
    await i18n.changeLanguage('de');
    render(<CalendarWithRange onRangeChange={vi.fn()} />);
    expect(await screen.findByRole('button', { name: 'Heute' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Monat' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Woche' })).toBeInTheDocument();
    const month = new Intl.DateTimeFormat('de', { month: 'long', year: 'numeric' }).format(new Date());
    expect(screen.getByRole('heading', { name: month })).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
  });

  it('hides the chevrons from assistive technology; the buttons keep their names', async () => {
    const { container } = render(<CalendarWithRange onRangeChange={vi.fn()} />);
    expect(await screen.findByRole('button', { name: 'Previous Month' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next Month' })).toBeInTheDocument();
    await waitFor(() => expect(container.querySelectorAll('.fc-icon[role="img"]:not([aria-hidden="true"])')).toHaveLength(0));
    expect(container.querySelectorAll('.fc-icon[aria-hidden="true"]')).toHaveLength(2);
  });
});

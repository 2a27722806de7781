import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ZonePicker } from './zone-picker';

function Picker({ initial = 'UTC', onEscape = vi.fn() }: { initial?: string; onEscape?: () => void }) {
  const [zone, setZone] = useState(initial);
  return (
    // The editor's drawer closes on an Escape it sees; the picker's own Escape must not reach it.
    <div onKeyDown={(event) => event.key === 'Escape' && !event.defaultPrevented && onEscape()}>
      <label htmlFor="zone">Time zone</label>
      <ZonePicker id="zone" value={zone} onChange={setZone} />
      <output aria-label="chosen">{zone}</output>
    </div>
  );
}

describe('ZonePicker', () => {
  it('filters every zone by what is typed and shows each one’s offset', async () => {
    render(<Picker />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveValue('UTC (UTC±00:00)');

    await userEvent.type(input, 'berl');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0]).toHaveTextContent(/^Europe\/Berlin UTC\+0[12]:00$/);
    expect(screen.getByText('1 time zone matches.')).toBeInTheDocument();

    await userEvent.click(options[0]);
    expect(screen.getByRole('status', { hidden: true, name: 'chosen' })).toHaveTextContent('Europe/Berlin');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect((input as HTMLInputElement).value).toMatch(/^Europe\/Berlin \(UTC\+0[12]:00\)$/);
  });

  it('is driven from the keyboard: arrows move the active option, Enter picks it', async () => {
    render(<Picker />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    await userEvent.type(input, 'new york');
    await userEvent.keyboard('{ArrowDown}{ArrowUp}');
    const active = input.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(document.getElementById(active!)).toHaveTextContent('America/New York');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('status', { name: 'chosen' })).toHaveTextContent('America/New_York');
    expect(input).toHaveFocus();
  });

  it('opens at the chosen zone with ArrowDown and marks it selected', async () => {
    render(<Picker initial="Europe/Berlin" />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    input.focus();
    await userEvent.keyboard('{ArrowDown}');
    const chosen = screen.getByRole('option', { selected: true });
    expect(chosen).toHaveTextContent(/^Europe\/Berlin/);
    expect(input).toHaveAttribute('aria-activedescendant', chosen.id);
  });

  it('closes its list on Escape without closing the editor, and keeps the zone', async () => {
    const onEscape = vi.fn();
    render(<Picker initial="Europe/Berlin" onEscape={onEscape} />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    await userEvent.type(input, 'tokyo');
    await userEvent.keyboard('{Escape}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(onEscape).not.toHaveBeenCalled();
    expect(screen.getByRole('status', { name: 'chosen' })).toHaveTextContent('Europe/Berlin');
    // A second Escape (list closed) is the editor's again.
    await userEvent.keyboard('{Escape}');
    expect(onEscape).toHaveBeenCalledTimes(1);
  });

  it('finds zones by offset and says when nothing matches', async () => {
    render(<Picker />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    await userEvent.type(input, '+5:45');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([expect.stringMatching(/Kathmandu|Katmandu/)]);
    await userEvent.clear(input);
    await userEvent.type(input, 'Atlantis');
    expect(screen.getByRole('option')).toHaveTextContent('No time zone matches “Atlantis”.');
  });
});

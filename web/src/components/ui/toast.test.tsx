import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Toast, type ToastMessage } from './toast';

const labels = { region: 'Notifications', undo: 'Undo', dismiss: 'Dismiss' };

function show(toast: ToastMessage | null, options: { focusUndo?: boolean } = {}) {
  const onClose = vi.fn();
  const view = render(
    <>
      <button type="button">elsewhere</button>
      <Toast toast={toast} onClose={onClose} labels={labels} focusUndo={options.focusUndo} />
    </>,
  );
  const rerender = (next: ToastMessage | null) =>
    view.rerender(
      <>
        <button type="button">elsewhere</button>
        <Toast toast={next} onClose={onClose} labels={labels} focusUndo={options.focusUndo} />
      </>,
    );
  return { onClose, rerender, region: screen.getByRole('status', { name: 'Notifications' }) };
}

const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('Toast', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is an empty live region until there is something to say', () => {
    const { region } = show(null);
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toBeEmptyDOMElement();
  });

  it('closes by itself after its time', () => {
    const { onClose, region } = show({ id: 1, text: 'Saved.', closesAfterMs: 5000 });
    expect(region).toHaveTextContent('Saved.');
    wait(4999);
    expect(onClose).not.toHaveBeenCalled();
    wait(1);
    expect(onClose).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('stays until dismissed when it has no time to close by itself', () => {
    const { onClose } = show({ id: 1, text: 'Could not move it.', tone: 'error' });
    wait(60_000);
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onClose).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('does not close while the pointer is on it, and takes its full time again after', () => {
    const { onClose, region } = show({ id: 1, text: 'Saved.', closesAfterMs: 5000 });
    wait(3000);
    fireEvent.mouseEnter(region);
    wait(20_000);
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.mouseLeave(region);
    wait(4999);
    expect(onClose).not.toHaveBeenCalled();
    wait(1);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('does not close while focus is in it, and closes after focus leaves', () => {
    const { onClose } = show({ id: 1, text: 'Saved.', closesAfterMs: 5000 });
    act(() => screen.getByRole('button', { name: 'Dismiss' }).focus());
    wait(20_000);
    expect(onClose).not.toHaveBeenCalled();
    act(() => screen.getByRole('button', { name: 'elsewhere' }).focus());
    wait(5000);
    expect(onClose).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('starts again for a new note', () => {
    const { onClose, rerender } = show({ id: 1, text: 'First.', closesAfterMs: 5000 });
    wait(4000);
    rerender({ id: 2, text: 'Second.', closesAfterMs: 5000 });
    wait(4000);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('status', { name: 'Notifications' })).toHaveTextContent('Second.');
    wait(1000);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('closes on Escape, saying whether focus was inside', () => {
    const { onClose, region } = show({ id: 1, text: 'Saved.' });
    act(() => screen.getByRole('button', { name: 'Dismiss' }).focus());
    fireEvent.keyDown(screen.getByRole('button', { name: 'Dismiss' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledExactlyOnceWith(true);
    fireEvent.keyDown(region, { key: 'Enter' });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('offers Undo, which takes focus when asked to, runs the undo and closes', () => {
    const undo = vi.fn();
    const { onClose, region } = show({ id: 1, text: 'Archived “Sale”.', undo, closesAfterMs: 8000 }, { focusUndo: true });
    const button = within(region).getByRole('button', { name: 'Undo' });
    expect(button).toHaveFocus();
    // Focus on Undo holds the note open.
    wait(60_000);
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(button);
    expect(undo).toHaveBeenCalledOnce();
    expect(onClose).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('leaves focus where it is unless Undo should take it', () => {
    const { onClose } = show({ id: 1, text: 'Moved.', undo: vi.fn(), closesAfterMs: 10_000 });
    expect(screen.getByRole('button', { name: 'Undo' })).not.toHaveFocus();
    wait(10_000);
    expect(onClose).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('shows an error in the error tone', () => {
    const { rerender } = show({ id: 1, text: 'Saved.' });
    expect(screen.getByText('Saved.').parentElement).not.toHaveClass('is-error');
    rerender({ id: 2, text: 'That did not work.', tone: 'error' });
    expect(screen.getByText('That did not work.').parentElement).toHaveClass('toast', 'is-error');
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });
});

import { useEffect, useRef, useState } from 'react';

export type ToastMessage = {
  /** A new id restarts the toast (and its timer). */
  id: number;
  text: string;
  /** Offers "Undo"; taking it also closes the toast. */
  undo?: () => void;
  tone?: 'info' | 'error';
  /** Closes by itself after this long (paused while hovered or focused); without it, it stays until dismissed. */
  closesAfterMs?: number;
};

/**
 * A short note at the bottom of the page ("Archived … — Undo"). The live
 * region is always there so screen readers announce each new text. It may
 * close by itself, but not while the pointer or focus is on it (WCAG 2.2.1);
 * Escape closes it. When it closes with focus inside, `onClose(true)` lets the
 * page put focus back. `focusUndo` moves focus to Undo when it appears, so a
 * keyboard user can take the action back at once.
 */
export function Toast({
  toast,
  onClose,
  labels,
  focusUndo = false,
}: {
  toast: ToastMessage | null;
  onClose: (hadFocus: boolean) => void;
  labels: { region: string; undo: string; dismiss: string };
  focusUndo?: boolean;
}) {
  const rootRef = useRef<HTMLDivElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [paused, setPaused] = useState(false);

  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const close = () => onCloseRef.current(rootRef.current?.contains(document.activeElement) ?? false);

  const toastId = toast?.id;
  const hasUndo = toast?.undo !== undefined;
  const closesAfterMs = toast?.closesAfterMs;
  useEffect(() => {
    setPaused(false);
    if (focusUndo && hasUndo) undoRef.current?.focus();
  }, [toastId, hasUndo, focusUndo]);

  useEffect(() => {
    if (toastId === undefined || closesAfterMs === undefined || paused) return;
    // close reads only refs, so the one from this render stays right.
    const timer = setTimeout(close, closesAfterMs);
    return () => clearTimeout(timer);
  }, [toastId, closesAfterMs, paused]);

  return (
    <div
      ref={rootRef}
      className="toast-region"
      role="status"
      aria-live="polite"
      aria-label={labels.region}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setPaused(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && toast) close();
      }}
    >
      {toast && (
        <div className={`toast${toast.tone === 'error' ? ' is-error' : ''}`}>
          <span className="toast-text">{toast.text}</span>
          {toast.undo && (
            <button
              ref={undoRef}
              type="button"
              className="toast-undo"
              onClick={() => {
                toast.undo?.();
                close();
              }}
            >
              {labels.undo}
            </button>
          )}
          <button type="button" className="toast-dismiss" aria-label={labels.dismiss} onClick={close}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  );
}

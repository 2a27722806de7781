import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type Toast = {
  /** A new id restarts the toast (and its timer). */
  id: number;
  text: string;
  /** Offers "Undo"; focus moves to it so a keyboard user can take it back at once. */
  undo?: () => void;
  tone?: 'info' | 'error';
};

const VISIBLE_MS = { undo: 8000, info: 5000 };

/**
 * A short note at the bottom of the page ("Archived … — Undo"). The live
 * region is always there so screen readers announce each new text. It closes
 * by itself, but not while the pointer or focus is on it (WCAG 2.2.1); when it
 * closes with focus inside, `onClose(true)` lets the page put focus back.
 */
export function UndoToast({ toast, onClose }: { toast: Toast | null; onClose: (hadFocus: boolean) => void }) {
  const { t } = useTranslation('inbox');
  const rootRef = useRef<HTMLDivElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [paused, setPaused] = useState(false);

  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const close = () => onCloseRef.current(rootRef.current?.contains(document.activeElement) ?? false);

  const toastId = toast?.id;
  const hasUndo = toast?.undo !== undefined;
  useEffect(() => {
    setPaused(false);
    if (hasUndo) undoRef.current?.focus();
  }, [toastId, hasUndo]);

  useEffect(() => {
    if (toastId === undefined || paused) return;
    // close reads only refs, so the one from this render stays right.
    const timer = setTimeout(close, hasUndo ? VISIBLE_MS.undo : VISIBLE_MS.info);
    return () => clearTimeout(timer);
  }, [toastId, hasUndo, paused]);

  return (
    <div
      ref={rootRef}
      className="toast-region"
      role="status"
      aria-live="polite"
      aria-label={t('toast.region')}
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
              {t('toast.undo')}
            </button>
          )}
          <button type="button" className="toast-dismiss" aria-label={t('toast.dismiss')} onClick={close}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveNotice } from '../hooks/use-promotion-move';

const VISIBLE_MS = 10_000;

/**
 * The outcome of a drag on the calendar, at the bottom of the page: "Moved … —
 * Undo", or why the promotion went back. A live region that is always there,
 * so each new text is announced. A saved move's note closes by itself after a
 * while, never while the pointer or focus is on it (WCAG 2.2.1); a refusal stays
 * until dismissed.
 */
export function MoveToast({ notice, onClose }: { notice: MoveNotice | null; onClose: () => void }) {
  const { t } = useTranslation('calendar');
  const [paused, setPaused] = useState(false);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const noticeId = notice?.id;
  const closesItself = notice?.kind === 'moved' || notice?.kind === 'undone';

  useEffect(() => setPaused(false), [noticeId]);
  useEffect(() => {
    if (noticeId === undefined || paused || !closesItself) return;
    const timer = setTimeout(() => onCloseRef.current(), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [noticeId, paused, closesItself]);

  const error = notice?.kind === 'stale' || notice?.kind === 'failed';
  return (
    <div
      className="move-toast-region"
      role="status"
      aria-live="polite"
      aria-label={t('move.region')}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setPaused(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && notice) onClose();
      }}
    >
      {notice && (
        <div className={`move-toast${error ? ' is-error' : ''}`}>
          <span className="move-toast-text">
            {t(`move.${notice.kind}`, { title: notice.title })}
            {notice.kind === 'failed' && notice.detail ? ` ${notice.detail}` : ''}
          </span>
          {notice.kind === 'moved' && (
            <button
              type="button"
              className="move-toast-undo"
              onClick={() => {
                notice.undo();
                onClose();
              }}
            >
              {t('move.undo')}
            </button>
          )}
          <button type="button" className="move-toast-dismiss" aria-label={t('move.dismiss')} onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  );
}

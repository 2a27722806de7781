import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { promotionState } from '../api/promotion-state';
import { usePromotion } from '../hooks/use-promotions';
import { formValuesFrom, newFormValues, type SelectedRange } from '../model/promotion-form-values';
import type { Feedback } from '../model/use-promotion-actions';
import { PromotionForm } from './promotion-form';

/**
 * The drawer that creates or edits one promotion. It loads the promotion when
 * given an id; the form below remounts on every new saved version. Escape and ×
 * call `onClose`, which the page guards while the form reports unsaved changes.
 */
export function PromotionEditor({
  promotionId,
  range,
  onClose,
  onCreated,
  onDeleted = onClose,
  onDirtyChange,
}: {
  promotionId?: string;
  range?: SelectedRange;
  onClose: () => void;
  onCreated: (id: string) => void;
  /** After a delete nothing is left to keep: the page closes without asking. */
  onDeleted?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t } = useTranslation('calendar');
  const query = usePromotion(promotionId);
  const [feedback, setFeedback] = useState<Feedback>({ warnings: [] });
  const titleId = useId();
  const drawerRef = useRef<HTMLElement>(null);

  // Closing the drawer returns focus to what opened it (a calendar event or a button).
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    drawerRef.current?.querySelector<HTMLElement>('form input, form select, form textarea')?.focus();
  }, [promotionId, query.isSuccess]);

  const promotion = query.data;
  const state = promotion ? promotionState(promotion) : null;
  // Stable per version, so the form's dirtiness compares against what was loaded.
  const initial = useMemo(() => (promotion ? formValuesFrom(promotion) : newFormValues(range)), [promotion, range]);
  return (
    <aside
      ref={drawerRef}
      className="editor-drawer"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) onClose();
      }}
    >
      <header className="editor-header">
        <div>
          <h2 id={titleId}>{promotionId ? t('editor.editTitle') : t('editor.newTitle')}</h2>
          {state && <span className={`state-chip promo-state-${state}`}>{t(`state.${state}.label`)}</span>}
        </div>
        <button type="button" className="icon-button" aria-label={t('editor.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {promotionId && query.isPending && (
        <p className="editor-state" role="status">
          <span className="spinner" aria-hidden="true" /> {t('editor.loading')}
        </p>
      )}
      {promotionId && query.isError && (
        <p className="editor-state inline-error" role="alert">
          {query.error.message}
        </p>
      )}
      {(!promotionId || promotion) && (
        <PromotionForm
          key={promotion ? `${promotion.id}@${promotion.version}` : 'new'}
          promotion={promotion}
          initial={initial}
          feedback={feedback}
          setFeedback={setFeedback}
          onCreated={onCreated}
          onDeleted={onDeleted}
          onDirtyChange={onDirtyChange}
        />
      )}
    </aside>
  );
}

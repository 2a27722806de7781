import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { promotionState } from '../api/promotion-state';
import { usePromotion } from '../hooks/use-promotions';
import { formValuesFrom, newFormValues, type SelectedRange } from '../model/promotion-form-values';
import type { Feedback } from '../model/use-promotion-actions';
import { ChunkLoadFailed } from './chunk-load-failed';
import { EditorLoading } from './editor-loading';
import { EditorTabs, panelId, tabId, type EditorTab } from './editor-tabs';

// The form (fields, zone picker, product picker, preview) loads when the editor
// first opens — the calendar page fetches it while idle (preloadEditorForm) —
// and Results and History when their tab first opens: none of it is in the
// calendar page's first load.
const loadForm = () => import('./promotion-form');
const PromotionForm = lazy(() =>
  loadForm().then((module) => ({ default: module.PromotionForm }), () => ({ default: ChunkLoadFailed })),
);
/** Fetches the form's chunk ahead of the first open; a failure shows when the editor opens. */
export const preloadEditorForm = () => void loadForm().catch(() => undefined);
const ResultsTab = lazy(() =>
  import('./results-tab').then((module) => ({ default: module.ResultsTab }), () => ({ default: ChunkLoadFailed })),
);
const HistoryTab = lazy(() =>
  import('./history-tab').then((module) => ({ default: module.HistoryTab }), () => ({ default: ChunkLoadFailed })),
);


/**
 * The drawer that creates or edits one promotion. It loads the promotion when
 * given an id; the form below remounts on every new saved version. Escape and ×
 * call `onClose`, which the page guards while the form reports unsaved changes.
 * A saved promotion has tabs: Details (the form, kept mounted so edits survive
 * a look at the others), Results (once published) and History.
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
  const tabsPrefix = useId().replaceAll(':', '');
  const drawerRef = useRef<HTMLElement>(null);
  const [tab, setTab] = useState('details');
  useEffect(() => setTab('details'), [promotionId]);

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
  const tabs: EditorTab[] = promotion
    ? [
        { id: 'details', label: t('tabs.details') },
        ...(promotion.status !== 'DRAFT' ? [{ id: 'results', label: t('tabs.results') }] : []),
        { id: 'history', label: t('tabs.history') },
      ]
    : [];
  const shown = tabs.some((candidate) => candidate.id === tab) ? tab : 'details';
  const panel = (id: string) =>
    tabs.length > 0 ? { role: 'tabpanel', id: panelId(tabsPrefix, id), 'aria-labelledby': tabId(tabsPrefix, id) } : {};
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
      {promotionId && query.isPending && <EditorLoading className="editor-state" />}
      {promotionId && query.isError && (
        <p className="editor-state inline-error" role="alert">
          {query.error.message}
        </p>
      )}
      {tabs.length > 0 && (
        <EditorTabs label={t('tabs.label')} tabs={tabs} selected={shown} onSelect={setTab} idPrefix={tabsPrefix} />
      )}
      {(!promotionId || promotion) && (
        <div className="editor-panel" {...panel('details')} hidden={shown !== 'details'}>
          <Suspense fallback={<EditorLoading className="editor-state" />}>
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
          </Suspense>
        </div>
      )}
      {/* Every tab's panel exists (aria-controls must point somewhere); only the shown one has content. */}
      {tabs.some((candidate) => candidate.id === 'results') && (
        <div className="editor-panel editor-panel-scroll" {...panel('results')} tabIndex={0} hidden={shown !== 'results'}>
          {promotion && shown === 'results' && (
            <Suspense fallback={<EditorLoading className="editor-state" />}>
              <ResultsTab promotionId={promotion.id} />
            </Suspense>
          )}
        </div>
      )}
      {tabs.length > 0 && (
        <div className="editor-panel editor-panel-scroll" {...panel('history')} tabIndex={0} hidden={shown !== 'history'}>
          {promotion && shown === 'history' && (
            <Suspense fallback={<EditorLoading className="editor-state" />}>
              <HistoryTab promotionId={promotion.id} />
            </Suspense>
          )}
        </div>
      )}
    </aside>
  );
}

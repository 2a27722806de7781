import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePromotions, type VisibleRange } from '../hooks/use-promotions';
import { CalendarLegend } from './calendar-legend';
import { EventCalendar } from './event-calendar';
import { PromotionEditor } from './promotion-editor';
import type { SelectedRange } from './promotion-form-values';
import './calendar.css';

/** `session` changes only when the admin opens something else, so saving a new draft keeps the drawer. */
type EditorTarget = { session: number; promotionId?: string; range?: SelectedRange };

/** The admin's Event Calendar: month/week views, legend, and the promotion editor. */
export function CalendarPage() {
  const { t } = useTranslation('calendar');
  const [range, setRange] = useState<VisibleRange | null>(null);
  const promotions = usePromotions(range);
  const [editor, setEditor] = useState<EditorTarget | null>(null);
  const count = promotions.data?.length ?? 0;
  const sessions = useRef(0);
  const open = (target: Omit<EditorTarget, 'session'>) => setEditor({ session: ++sessions.current, ...target });

  return (
    <div className={`page calendar-page${editor ? ' has-drawer' : ''}`}>
      <div className="page-header">
        <div>
          <h1>{t('page.title')}</h1>
          <p className="page-subtitle">{t('page.subtitle')}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => open({})}>
          {t('page.newPromotion')}
        </button>
      </div>
      <div className="calendar-toolbar">
        <CalendarLegend />
        <p className="calendar-status" role="status">
          {promotions.isFetching && !promotions.data ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t('page.loading')}
            </>
          ) : promotions.isSuccess && count === 0 ? (
            t('page.empty')
          ) : promotions.isSuccess ? (
            t('page.inView', { count })
          ) : null}
        </p>
      </div>
      {promotions.isError && (
        <div className="alert alert-error" role="alert">
          <p>{promotions.error.message}</p>
          <button type="button" className="button button-secondary button-small" onClick={() => promotions.refetch()}>
            {t('page.tryAgain')}
          </button>
        </div>
      )}
      <div className="panel calendar-panel" aria-busy={promotions.isFetching}>
        <EventCalendar
          promotions={promotions.data ?? []}
          onRangeChange={setRange}
          onSelectRange={(selected) => open({ range: selected })}
          onOpenPromotion={(promotionId) => open({ promotionId })}
          keepSelection={editor?.range !== undefined}
        />
      </div>
      {editor && (
        <PromotionEditor
          key={editor.session}
          promotionId={editor.promotionId}
          range={editor.range}
          onClose={() => setEditor(null)}
          onCreated={(promotionId) => setEditor({ ...editor, promotionId })}
        />
      )}
    </div>
  );
}

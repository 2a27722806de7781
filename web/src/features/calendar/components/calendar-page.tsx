import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { formatDateTime } from '@/lib/format';
import type { Promotion } from '../api/promotions-api';
import { PROMOTION_STATES, promotionInterval, withStates, type PromotionState } from '../api/promotion-state';
import { placedInterval, storedPlacementZone, storePlacementZone, type PlacementZone } from '../api/zone-placement';
import { usePromotionMove } from '../hooks/use-promotion-move';
import { usePromotions, type VisibleRange } from '../hooks/use-promotions';
import { useReadRates } from '../hooks/use-read-rates';
import { useStateClock } from '../hooks/use-state-clock';
import type { SelectedRange } from '../model/promotion-form-values';
import { useDiscardGuard } from '../model/use-discard-guard';
import { CalendarLegend } from './calendar-legend';
import { EventCalendar } from './event-calendar';
import { MoveToast } from './move-toast';
import { preloadEditorForm, PromotionEditor } from './promotion-editor';
import { PromotionList } from './promotion-list';
import { PromotionSearch } from './promotion-search';
import { StateFilter } from './state-filter';
import { ZoneSwitch } from './zone-switch';
import './calendar.css';

/** `session` changes only when the admin opens something else, so saving a new draft keeps the drawer. */
type EditorTarget = { session: number; promotionId?: string; range?: SelectedRange };
type View = 'calendar' | 'list';

/** Below this width the page opens in the list view. */
const NARROW_QUERY = '(max-width: 719.98px)';
const initialView = (): View => (typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches ? 'list' : 'calendar');

/** The calendar month around `day`, the list view's period. */
function monthAround(day: Date): VisibleRange {
  return { from: new Date(day.getFullYear(), day.getMonth(), 1), to: new Date(day.getFullYear(), day.getMonth() + 1, 1) };
}
const middleOf = (range: VisibleRange) => new Date((range.from.getTime() + range.to.getTime()) / 2);
/** The day a view switch opens at: today when it is in the period shown, else the period's first day. */
function anchorOf(range: VisibleRange, today = new Date()): Date {
  return today >= range.from && today < range.to ? today : range.from;
}

const NO_PROMOTIONS: never[] = [];

const DAY_MS = 86_400_000;
/**
 * What the calendar asks for: its range and a day on each side, since a
 * promotion placed in its own zone may sit up to a day away from its instants
 * in the browser's zone.
 */
const widened = (range: VisibleRange): VisibleRange => ({
  from: new Date(range.from.getTime() - DAY_MS),
  to: new Date(range.to.getTime() + DAY_MS),
});
const placedIn = (range: VisibleRange, zone: PlacementZone) => (promotion: Promotion) => {
  const { start, end } = placedInterval(promotion, zone);
  return start < range.to && end > range.from;
};

/** Clicks here are not "outside" the editor: they open or keep something themselves. */
const KEEPS_EDITOR = '.editor-drawer, .dialog-backdrop, .calendar-panel, button, a, input, select, textarea, label';

/** The admin's Event Calendar: month/week views or a list, state filter, legend, and the promotion editor. */
export function CalendarPage() {
  const { t } = useTranslation('calendar');
  const [view, setView] = useState<View>(initialView);
  const [range, setRange] = useState<VisibleRange | null>(() => (initialView() === 'list' ? monthAround(new Date()) : null));
  const [zone, setZone] = useState<PlacementZone>(storedPlacementZone);
  const changeZone = (next: PlacementZone) => {
    storePlacementZone(next);
    setZone(next);
  };
  const promotions = usePromotions(range && view === 'calendar' ? widened(range) : range);
  // the editor's form is not in the page's first load: fetched once the page has settled
  useEffect(() => {
    const timer = setTimeout(preloadEditorForm, 1500);
    return () => clearTimeout(timer);
  }, []);
  // A stable empty list while loading, so "now" and the events are not recomputed on every render.
  const now = useStateClock(promotions.data ?? NO_PROMOTIONS);
  const [shown, setShown] = useState<Set<PromotionState>>(() => new Set(PROMOTION_STATES));
  const visible = withStates(promotions.data ?? NO_PROMOTIONS, shown, now);
  const inView = view === 'calendar' && range ? visible.filter(placedIn(range, zone)) : visible;
  const readRates = useReadRates(inView, now);
  const mover = usePromotionMove();
  const [editor, setEditor] = useState<EditorTarget | null>(null);
  const discard = useDiscardGuard();
  const count = inView.length;
  const sessions = useRef(0);
  const open = (target: Omit<EditorTarget, 'session'>) =>
    discard.guard(() => setEditor({ session: ++sessions.current, ...target }));
  const close = () => discard.guard(() => setEditor(null));

  // Fixed when switching to the calendar: FullCalendar reads its initial date once.
  const [calendarStart, setCalendarStart] = useState<Date | undefined>(undefined);
  const showCalendar = () => {
    setCalendarStart(range ? anchorOf(range) : undefined);
    setView('calendar');
  };
  const showList = () => {
    setRange(monthAround(range ? (anchorOf(range) === range.from ? middleOf(range) : anchorOf(range)) : new Date()));
    setView('list');
  };
  const moveList = (months: number) =>
    setRange((current) => {
      const middle = current ? middleOf(current) : new Date();
      return monthAround(months === 0 ? new Date() : new Date(middle.getFullYear(), middle.getMonth() + months, 15));
    });

  // A search hit: its editor opens and the calendar (or the list) goes to its start.
  const [goTo, setGoTo] = useState<{ date: Date } | undefined>(undefined);
  const openHit = (promotion: Promotion) =>
    discard.guard(() => {
      setEditor({ session: ++sessions.current, promotionId: promotion.id });
      if (view === 'calendar') setGoTo({ date: placedInterval(promotion, zone).start });
      else setRange(monthAround(promotionInterval(promotion).start));
    });

  const onPageClick = (event: MouseEvent) => {
    if (editor && !(event.target as Element).closest(KEEPS_EDITOR)) close();
  };

  return (
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions -- a click outside the drawer closes it; Escape and × are the keyboard's way
    <div className={`page calendar-page${editor ? ' has-drawer' : ''}`} onClick={onPageClick}>
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
      <PromotionSearch shown={shown} zone={zone} now={now} onOpenPromotion={openHit} />
      <div className="calendar-controls">
        <StateFilter shown={shown} onChange={setShown} />
        <ZoneSwitch zone={zone} onChange={changeZone} />
        <div className="view-switch" role="group" aria-label={t('viewSwitch.label')}>
          <button type="button" className="button button-secondary button-small" aria-pressed={view === 'calendar'} onClick={showCalendar}>
            {t('viewSwitch.calendar')}
          </button>
          <button type="button" className="button button-secondary button-small" aria-pressed={view === 'list'} onClick={showList}>
            {t('viewSwitch.list')}
          </button>
        </div>
      </div>
      {view === 'calendar' && <p className="calendar-hint">{t('move.help')}</p>}
      {promotions.isError && (
        <div className="alert alert-error" role="alert">
          <p>{promotions.error.message}</p>
          <button type="button" className="button button-secondary button-small" onClick={() => promotions.refetch()}>
            {t('page.tryAgain')}
          </button>
        </div>
      )}
      <div className="panel calendar-panel" aria-busy={promotions.isFetching}>
        {view === 'calendar' ? (
          <EventCalendar
            promotions={visible}
            now={now}
            initialDate={calendarStart}
            onRangeChange={setRange}
            onSelectRange={(selected) => open({ range: selected })}
            onOpenPromotion={(promotionId) => open({ promotionId })}
            keepSelection={editor?.range !== undefined}
            zone={zone}
            readRates={readRates}
            goTo={goTo}
            onMove={mover.move}
          />
        ) : (
          <section className="list-view" aria-labelledby="list-period">
            <div className="list-toolbar">
              <h2 id="list-period" className="list-period">
                {range && formatDateTime(range.from, { dateStyle: undefined, timeStyle: undefined, month: 'long', year: 'numeric' })}
              </h2>
              <div className="list-nav">
                <button type="button" className="button button-secondary button-small" aria-label={t('list.previous')} onClick={() => moveList(-1)}>
                  ‹
                </button>
                <button type="button" className="button button-secondary button-small" onClick={() => moveList(0)}>
                  {t('view.today')}
                </button>
                <button type="button" className="button button-secondary button-small" aria-label={t('list.next')} onClick={() => moveList(1)}>
                  ›
                </button>
              </div>
            </div>
            <PromotionList promotions={visible} now={now} zone={zone} readRates={readRates} onOpenPromotion={(promotionId) => open({ promotionId })} />
          </section>
        )}
      </div>
      {editor && (
        <PromotionEditor
          key={editor.session}
          promotionId={editor.promotionId}
          range={editor.range}
          onClose={close}
          onDeleted={() => setEditor(null)}
          onCreated={(promotionId) => setEditor({ ...editor, promotionId })}
          onDirtyChange={discard.setDirty}
        />
      )}
      <MoveToast notice={mover.notice} onClose={mover.dismiss} />
      {discard.asking && (
        <ConfirmDialog
          title={t('discard.question')}
          confirmLabel={t('discard.confirm')}
          tone="danger"
          onCancel={discard.keepEditing}
          onConfirm={discard.discard}
        >
          <p>{t('discard.explanation')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

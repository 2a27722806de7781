import { useEffect, useMemo, useRef } from 'react';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin from '@fullcalendar/interaction';
import germanLocale from '@fullcalendar/core/locales/de';
import { useTranslation } from 'react-i18next';
import type { DatesSetArg, DayCellMountArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import type { DateSelectArg } from '@fullcalendar/core';
import type { EventResizeDoneArg } from '@fullcalendar/interaction';
import type { Promotion } from '../api/promotions-api';
import { isMovable, type WallClockShift } from '../api/promotion-move';
import { promotionInterval, promotionState, type PromotionState } from '../api/promotion-state';
import { placedInterval, wallClockTime, type PlacementZone } from '../api/zone-placement';
import type { SelectedRange } from '../model/promotion-form-values';
import type { VisibleRange } from '../hooks/use-promotions';
import { OverlapMark, overlapTitles } from './overlap-mark';

// Only German beside FullCalendar's built-in English (0.7 kB gzipped; all of its locales are ~18 kB).
// Module-level: a new array on every render makes FullCalendar re-apply its options and report
// its dates again (datesSet → setRange → render), without end.
const LOCALES = [germanLocale];

/**
 * FullCalendar draws the prev/next chevrons as `<span role="img">` without a
 * name inside buttons that are named by their title ("Previous month"): an
 * image without text for axe (WCAG 1.1.1). The chevron is decoration, so it is
 * hidden from assistive technology; the button keeps its name.
 */
function hideDecorativeIcons(root: HTMLElement | null) {
  root?.querySelectorAll('.fc-icon[role="img"]:not([aria-hidden])').forEach((icon) => icon.setAttribute('aria-hidden', 'true'));
}

/**
 * A month's day cell is a gridcell named by its day number's label ("1 December
 * 2026") while it also holds the events' text: a name that leaves out visible
 * text (axe label-content-name-mismatch, WCAG 2.5.3). The cell is named by its
 * content instead; the day number keeps its full date as its own name.
 */
function nameDayCellByContent({ el }: DayCellMountArg) {
  el.removeAttribute('aria-labelledby');
}

/** What an event shows besides its title: times and zone are those it is placed in. */
type PromotionEventProps = {
  state: PromotionState;
  timeZone: string;
  localTimes: string;
  overlapsWith: string[];
  /** Read messages over delivered ones in percent (published promotions that have started). */
  readRate?: number;
};

/**
 * One promotion as a FullCalendar event, placed and labelled in one zone (the
 * promotion's own by default, or the admin's). Drafts and promotions that have
 * not started can be dragged and resized; the others stay where they are.
 */
export function toCalendarEvent(
  promotion: Promotion,
  now: Date = new Date(),
  { zone = 'promotion', readRate }: { zone?: PlacementZone; readRate?: number } = {},
): EventInput {
  const placed = placedInterval(promotion, zone);
  const state = promotionState(promotion, now);
  const movable = isMovable(promotion, promotionInterval(promotion).start, now);
  return {
    id: promotion.id,
    title: promotion.title,
    start: placed.start,
    end: placed.end,
    allDay: false,
    startEditable: movable,
    durationEditable: movable,
    classNames: ['promo-event', `promo-state-${state}`],
    extendedProps: {
      state,
      timeZone: placed.timeZone,
      localTimes: `${wallClockTime(placed.start)}–${wallClockTime(placed.end)}`,
      overlapsWith: overlapTitles(promotion),
      ...(readRate === undefined ? {} : { readRate }),
    } satisfies PromotionEventProps,
  };
}

function PromotionEventContent({ event }: EventContentArg) {
  const { t } = useTranslation('calendar');
  const { state, timeZone, localTimes, overlapsWith, readRate } = event.extendedProps as PromotionEventProps;
  const label = t(`state.${state}.label`);
  const overlap = overlapsWith.length > 0 ? t('event.overlapsWith', { titles: overlapsWith.join(', ') }) : null;
  const results = readRate === undefined ? null : t('event.readRate', { percent: readRate });
  return (
    <span className="promo-event-content" title={[event.title, label, results, `${localTimes} ${timeZone}`, overlap].filter(Boolean).join(' · ')}>
      <span className="promo-event-state">{label}</span>
      {overlap && <OverlapMark text={overlap} />}
      <span className="promo-event-title">{event.title}</span>
      {results && <span className="promo-event-results">{results}</span>}
      <span className="promo-event-time">{localTimes}</span>
      <span className="promo-event-zone">{timeZone}</span>
    </span>
  );
}

/** Month and week views; each promotion spans its interval, styled by state. */
export function EventCalendar({
  promotions,
  now,
  initialDate,
  onRangeChange,
  onSelectRange,
  onOpenPromotion,
  keepSelection = false,
  zone = 'promotion',
  readRates,
  goTo,
  onMove,
}: {
  promotions: Promotion[];
  /** The zone every event is placed and labelled in. */
  zone?: PlacementZone;
  /** Read rates in percent by promotion id (shown on the event). */
  readRates?: ReadonlyMap<string, number>;
  /** Takes the calendar to this day whenever a new object is passed (a search hit). */
  goTo?: { date: Date };
  /** A drag or resize of a movable promotion: its start and end shifted on the wall clock; `revert` puts the bar back. */
  onMove?: (promotion: Promotion, startShift: WallClockShift, endShift: WallClockShift, revert: () => void) => void;
  /** The instant the states are shown for (the page moves it at each start and end). */
  now?: Date;
  /** The day the calendar opens at (the list view's period when switching back). */
  initialDate?: Date;
  /** While true (the new promotion's editor is open) the selected days stay highlighted. */
  keepSelection?: boolean;
  onRangeChange: (range: VisibleRange) => void;
  onSelectRange: (range: SelectedRange) => void;
  onOpenPromotion: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('calendar');
  const buttonText = useMemo(() => ({ today: t('view.today'), month: t('view.month'), week: t('view.week') }), [t]);
  const events = useMemo(
    () => promotions.map((promotion) => toCalendarEvent(promotion, now ?? new Date(), { zone, readRate: readRates?.get(promotion.id) })),
    [promotions, now, zone, readRates],
  );
  const byId = useMemo(() => new Map(promotions.map((promotion) => [promotion.id, promotion])), [promotions]);

  const calendarRef = useRef<FullCalendar>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => hideDecorativeIcons(rootRef.current));
  useEffect(() => {
    if (!keepSelection) calendarRef.current?.getApi().unselect();
  }, [keepSelection]);
  useEffect(() => {
    if (goTo) calendarRef.current?.getApi().gotoDate(goTo.date);
  }, [goTo]);

  const moved = (id: string, startShift: WallClockShift, endShift: WallClockShift, revert: () => void) => {
    const promotion = byId.get(id);
    if (promotion && onMove) onMove(promotion, startShift, endShift, revert);
    else revert();
  };

  return (
    <div ref={rootRef} className="event-calendar">
      <FullCalendar
        ref={calendarRef}
        plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
        locales={LOCALES}
        locale={i18n.language === 'de' ? 'de' : 'en'}
        initialView="dayGridMonth"
        initialDate={initialDate}
        headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek' }}
        buttonText={buttonText}
        firstDay={1}
        allDaySlot={false}
        dayHeaderFormat={{ weekday: 'short', day: 'numeric' }}
        views={{ dayGridMonth: { dayHeaderFormat: { weekday: 'short' } } }}
        height="auto"
        expandRows
        nowIndicator
        selectable
        selectMirror
        unselectAuto
        eventInteractive
        dayMaxEvents={4}
        slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        events={events}
        eventContent={(arg) => <PromotionEventContent {...arg} />}
        dayCellDidMount={nameDayCellByContent}
        datesSet={(arg: DatesSetArg) => {
          hideDecorativeIcons(rootRef.current);
          onRangeChange({ from: arg.start, to: arg.end });
        }}
        // The selection stays highlighted while its editor is open (clicks in the drawer keep it).
        unselectCancel=".editor-drawer"
        select={(arg: DateSelectArg) => onSelectRange({ start: arg.start, end: arg.end, allDay: arg.allDay })}
        eventDrop={(arg: EventDropArg) => moved(arg.event.id, arg.delta, arg.delta, arg.revert)}
        eventResize={(arg: EventResizeDoneArg) => moved(arg.event.id, arg.startDelta, arg.endDelta, arg.revert)}
        eventClick={(arg: EventClickArg) => {
          arg.jsEvent.preventDefault();
          onOpenPromotion(arg.event.id);
        }}
      />
    </div>
  );
}

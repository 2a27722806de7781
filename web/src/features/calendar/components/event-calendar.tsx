import { useEffect, useMemo, useRef } from 'react';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin from '@fullcalendar/interaction';
import germanLocale from '@fullcalendar/core/locales/de';
import { useTranslation } from 'react-i18next';
import type { DatesSetArg, EventClickArg, EventContentArg, EventInput } from '@fullcalendar/core';
import type { DateSelectArg } from '@fullcalendar/core';
import type { Promotion } from '../api/promotions-api';
import { promotionInterval, promotionState, type PromotionState } from '../api/promotion-state';
import type { SelectedRange } from '../model/promotion-form-values';
import type { VisibleRange } from '../hooks/use-promotions';
import { OverlapMark, overlapTitles } from './overlap-mark';

// Only German beside FullCalendar's built-in English (0.7 kB gzipped; all of its locales are ~18 kB).
// Module-level: a new array on every render makes FullCalendar re-apply its options and report
// its dates again (datesSet → setRange → render), without end.
const LOCALES = [germanLocale];

/** Local start and end times are shown in the promotion's own zone, next to the zone's name. */
type PromotionEventProps = { state: PromotionState; timeZone: string; localTimes: string; overlapsWith: string[] };


const timeOfDay = (localDateTime: string) => localDateTime.slice(11, 16);

export function toCalendarEvent(promotion: Promotion, now: Date = new Date()): EventInput {
  const { start, end } = promotionInterval(promotion);
  const state = promotionState(promotion, now);
  return {
    id: promotion.id,
    title: promotion.title,
    start,
    end,
    allDay: false,
    classNames: ['promo-event', `promo-state-${state}`],
    extendedProps: {
      state,
      timeZone: promotion.timeZone,
      localTimes: `${timeOfDay(promotion.startsAt)}–${timeOfDay(promotion.endsAt)}`,
      overlapsWith: overlapTitles(promotion),
    } satisfies PromotionEventProps,
  };
}

function PromotionEventContent({ event }: EventContentArg) {
  const { t } = useTranslation('calendar');
  const { state, timeZone, localTimes, overlapsWith } = event.extendedProps as PromotionEventProps;
  const label = t(`state.${state}.label`);
  const overlap = overlapsWith.length > 0 ? t('event.overlapsWith', { titles: overlapsWith.join(', ') }) : null;
  return (
    <span className="promo-event-content" title={[event.title, label, timeZone, overlap].filter(Boolean).join(' · ')}>
      <span className="promo-event-state">{label}</span>
      {overlap && <OverlapMark text={overlap} />}
      <span className="promo-event-title">{event.title}</span>
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
}: {
  promotions: Promotion[];
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
  const events = useMemo(() => promotions.map((promotion) => toCalendarEvent(promotion, now ?? new Date())), [promotions, now]);

  const calendarRef = useRef<FullCalendar>(null);
  useEffect(() => {
    if (!keepSelection) calendarRef.current?.getApi().unselect();
  }, [keepSelection]);

  return (
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
      datesSet={(arg: DatesSetArg) => onRangeChange({ from: arg.start, to: arg.end })}
      // The selection stays highlighted while its editor is open (clicks in the drawer keep it).
      unselectCancel=".editor-drawer"
      select={(arg: DateSelectArg) => onSelectRange({ start: arg.start, end: arg.end, allDay: arg.allDay })}
      eventClick={(arg: EventClickArg) => {
        arg.jsEvent.preventDefault();
        onOpenPromotion(arg.event.id);
      }}
    />
  );
}

import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { currentLocale } from '@/lib/i18n';
import type { Preview, PreviewOccurrence, ResolvedLocalTime } from '../api/promotions-api';
import { browserTimeZone } from '../model/promotion-form-values';
import { formatLocalDateTime, formatLocalDay, utcOffsetLabel, zoneOffsetSeconds } from '../model/time-zones';

const format = (instant: string, timeZone: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(currentLocale(), { ...options, timeZone }).format(new Date(instant));
const dateIn = (instant: string, timeZone: string) => format(instant, timeZone, { weekday: 'short', day: 'numeric', month: 'short' });
const timeIn = (instant: string, timeZone: string) => format(instant, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** One instant in one zone: the date above, the time with its offset below. */
function ZoneCell({ instant, timeZone, offsetSeconds }: { instant: string; timeZone: string; offsetSeconds?: number }) {
  const offset = offsetSeconds ?? zoneOffsetSeconds(timeZone, new Date(instant));
  return (
    <td>
      <span className="zone-date">{dateIn(instant, timeZone)}</span>{' '}
      <span className="zone-time">
        {timeIn(instant, timeZone)}
        {timeZone !== 'UTC' && <span className="zone-offset"> {utcOffsetLabel(offset)}</span>}
      </span>
    </td>
  );
}

type Note = { key: string; occurrence?: number; text: string };

/** The start or the end when a clock change moved it, in words. */
function boundNote(t: TFunction<'calendar'>, which: 'start' | 'end', bound: ResolvedLocalTime | undefined, zone: string): Note | null {
  if (!bound || bound.resolution === 'EXACT') return null;
  const values = {
    requested: formatLocalDateTime(bound.requested),
    zone,
    actual: timeIn(bound.instant, zone),
    offset: utcOffsetLabel(bound.utcOffsetSeconds),
  };
  const kind = bound.resolution === 'GAP_MOVED_LATER' ? 'Gap' : 'Overlap';
  return { key: which, text: t(`zonePreview.${which}${kind}`, values) };
}

/** A day whose send time a clock change moved or made ambiguous, or whose offset differs from the day before. */
function occurrenceNote(
  t: TFunction<'calendar'>,
  occurrence: PreviewOccurrence,
  previous: PreviewOccurrence | undefined,
  zone: string,
): Note | null {
  const offset = occurrence.utcOffsetSeconds ?? zoneOffsetSeconds(zone, new Date(occurrence.fireAt));
  const base = { number: occurrence.index + 1, date: formatLocalDay(occurrence.day), zone, offset: utcOffsetLabel(offset) };
  const actual = occurrence.localTime ?? timeIn(occurrence.fireAt, zone);
  const key = `day-${occurrence.index}`;
  if (occurrence.resolution === 'GAP_MOVED_LATER') {
    return { key, occurrence: occurrence.index, text: t('zonePreview.gap', { ...base, requested: occurrence.requestedTime ?? '', actual }) };
  }
  if (occurrence.resolution === 'OVERLAP_EARLIER_OFFSET') {
    return { key, occurrence: occurrence.index, text: t('zonePreview.overlap', { ...base, requested: occurrence.requestedTime ?? actual, actual }) };
  }
  const before = previous && (previous.utcOffsetSeconds ?? zoneOffsetSeconds(zone, new Date(previous.fireAt)));
  if (previous && before !== undefined && before !== offset) {
    return {
      key,
      occurrence: occurrence.index,
      text: t('zonePreview.offsetChanged', {
        ...base,
        from: utcOffsetLabel(before),
        to: utcOffsetLabel(offset),
        local: actual,
        utc: timeIn(occurrence.fireAt, 'UTC'),
      }),
    };
  }
  return null;
}

/**
 * Each daily message in the promotion's zone, the admin's zone (the browser's)
 * and UTC, and every day a clock change touches explained in words: a send time
 * that does not exist (moved later), one that happens twice (the earlier
 * counts), or the first day on a new offset. The zone facts come from the
 * engine's preview; offsets it does not report are read from Intl.
 */
export function ZoneTimes({ preview, timeZone }: { preview: Preview; timeZone: string }) {
  const { t } = useTranslation('calendar');
  const zone = preview.timeZone ?? timeZone;
  const yours = browserTimeZone();
  const { occurrences } = preview;
  const notes = [
    boundNote(t, 'start', preview.start, zone),
    ...occurrences.map((occurrence, i) => occurrenceNote(t, occurrence, occurrences[i - 1], zone)),
    boundNote(t, 'end', preview.end, zone),
  ].filter((note): note is Note => note !== null);
  const noteFor = new Map(notes.filter((note) => note.occurrence !== undefined).map((note) => [note.occurrence, note]));
  const noteId = (note: Note) => `zone-note-${note.key}`;

  return (
    <>
      {occurrences.length > 0 && (
        <div className="table-scroll zone-times-scroll" role="region" aria-labelledby="zone-times-caption" tabIndex={0}>
          <table className="zone-times">
            <caption id="zone-times-caption">{t('zonePreview.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('zonePreview.day')}</th>
                <th scope="col">{t('zonePreview.promotionZone', { zone })}</th>
                <th scope="col">{t('zonePreview.yourZone', { zone: yours })}</th>
                <th scope="col">{t('zonePreview.utc')}</th>
              </tr>
            </thead>
            <tbody>
              {occurrences.map((occurrence) => {
                const note = noteFor.get(occurrence.index);
                return (
                  <tr key={occurrence.index} className={note ? 'zone-change' : undefined}>
                    <th scope="row" aria-describedby={note ? noteId(note) : undefined}>
                      {t('preview.day', { number: occurrence.index + 1 })}
                      {note && <span aria-hidden="true"> ⚠</span>}
                    </th>
                    <ZoneCell instant={occurrence.fireAt} timeZone={zone} offsetSeconds={occurrence.utcOffsetSeconds} />
                    <ZoneCell instant={occurrence.fireAt} timeZone={yours} />
                    <ZoneCell instant={occurrence.fireAt} timeZone="UTC" offsetSeconds={0} />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {notes.length > 0 && (
        <div className="clock-changes">
          <h4 className="subsection-title">{t('zonePreview.clockChanges')}</h4>
          <ul>
            {notes.map((note) => (
              <li key={note.key} id={noteId(note)}>
                {note.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

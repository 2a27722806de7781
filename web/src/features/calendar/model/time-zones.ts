/**
 * Time-zone facts the editor shows: a zone's current UTC offset (for the
 * picker) and offsets as labels. Zones themselves are never resolved here —
 * the engine does that and the preview reports it.
 */
import { currentLocale } from '@/lib/i18n';
import { timeZoneOptions } from './promotion-form-values';

/** "UTC+02:00", "UTC−03:30", "UTC±00:00" from an offset in seconds east of UTC. */
export function utcOffsetLabel(offsetSeconds: number): string {
  const minutes = Math.round(offsetSeconds / 60);
  const sign = minutes > 0 ? '+' : minutes < 0 ? '−' : '±';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `at`, in seconds, from Intl's "GMT+5:30" (`shortOffset`). */
export function zoneOffsetSeconds(timeZone: string, at: Date = new Date()): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  if (!match) return 0;
  const seconds = (Number(match[2]) * 60 + Number(match[3] ?? 0)) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

export type ZoneChoice = { zone: string; label: string; offsetSeconds: number; offset: string };

/** Every zone the browser knows with its offset now, for the picker (computed once a page load per minute). */
let cached: { at: number; choices: ZoneChoice[] } | undefined;
export function zoneChoices(now: Date = new Date()): ZoneChoice[] {
  if (!cached || Math.abs(now.getTime() - cached.at) > 60_000) {
    const choices = timeZoneOptions().map((zone) => {
      const offsetSeconds = zoneOffsetSeconds(zone, now);
      return { zone, label: zone.replaceAll('_', ' '), offsetSeconds, offset: utcOffsetLabel(offsetSeconds) };
    });
    cached = { at: now.getTime(), choices };
  }
  return cached.choices;
}

/** Normalises for search: case, underscores and the offset's minus sign do not matter. */
const searchable = (text: string) => text.toLowerCase().replaceAll('_', ' ').replaceAll('−', '-');

/**
 * The choices whose name or offset contains every word typed ("berlin",
 * "america new", "+05:30", "utc+1"): an offset written without minutes
 * matches the whole hour ("+1" finds UTC+01:00 but not UTC+10:00).
 */
export function filterZones(choices: ZoneChoice[], query: string): ZoneChoice[] {
  const words = searchable(query).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return choices;
  return choices.filter((choice) => {
    const name = searchable(choice.label);
    const offset = searchable(choice.offset);
    return words.every((word) => {
      const hour = /^(?:utc|gmt)?([+-])(\d{1,2})$/.exec(word);
      if (hour) {
        const hours = hour[2].padStart(2, '0');
        return offset.startsWith(`utc${Number(hours) === 0 ? '±' : hour[1]}${hours}:`);
      }
      const exact = /^(?:utc|gmt)?([+-])(\d{1,2}):(\d{2})$/.exec(word);
      if (exact) {
        const hours = exact[2].padStart(2, '0');
        const sign = Number(hours) === 0 && exact[3] === '00' ? '±' : exact[1];
        return offset === `utc${sign}${hours}:${exact[3]}`;
      }
      return name.includes(word) || offset.includes(word);
    });
  });
}

/** A local calendar day (`YYYY-MM-DD`, no zone) as "Sun, 29 Mar 2026" in the UI's language. */
export function formatLocalDay(day: string, options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }, locale?: string) {
  return new Intl.DateTimeFormat(locale ?? currentLocale(), { ...options, timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** A local date-time of the promotion (`YYYY-MM-DDTHH:MM`, no zone) as "29 Mar 2026, 02:30". */
export function formatLocalDateTime(value: string, locale?: string) {
  return new Intl.DateTimeFormat(locale ?? currentLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(`${value.slice(0, 16)}:00Z`),
  );
}

/** "Sun, 29 Mar 2026, Mon, 30 Mar 2026 and 3 more" — at most `max` days named. */
export function formatDayList(days: string[], more: (count: number) => string, max = 4, locale?: string) {
  const named = days.slice(0, max).map((day) => formatLocalDay(day, undefined, locale));
  if (days.length > max) named.push(more(days.length - max));
  return new Intl.ListFormat(locale ?? currentLocale(), { type: 'conjunction' }).format(named);
}

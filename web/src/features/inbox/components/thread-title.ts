/**
 * The title the UI writes for a promotion's thread: the admin's own text as
 * written, then "day 3 of 5" and "ends Sat 5 Dec, 09:00 CET" in the reader's
 * language and zone. The engine's subject carries an English
 * "{title} – day {n} of {total}"; when the message has its day numbers, that
 * suffix is the UI's to write, so it is taken off (messages stored before the
 * numbers existed keep their subject untouched and get no day part).
 */
import type { TFunction } from 'i18next';
import { formatZonedDateTime } from '@/lib/format';
import type { InboxMessage } from '../api/inbox-api';

type TitleFields = Pick<InboxMessage, 'subject' | 'dayNumber' | 'dayCount' | 'expiresAt' | 'expired' | 'withdrawn'>;

type SubjectFields = Pick<InboxMessage, 'subject' | 'dayNumber' | 'dayCount'>;

const hasDayNumbers = (message: SubjectFields) => message.dayNumber !== null && message.dayCount !== null;

/** The subject without the engine's English day suffix. */
export function displaySubject(message: SubjectFields): string {
  if (!hasDayNumbers(message)) return message.subject;
  const suffix = ` – day ${message.dayNumber} of ${message.dayCount}`;
  return message.subject.endsWith(suffix) && message.subject.length > suffix.length
    ? message.subject.slice(0, -suffix.length)
    : message.subject;
}

/** "Day 3 of 5", or null for a message without day numbers. */
export function dayLabel(t: TFunction<'inbox'>, message: Pick<InboxMessage, 'dayNumber' | 'dayCount'>): string | null {
  return message.dayNumber !== null && message.dayCount !== null
    ? t('thread.day', { dayNumber: message.dayNumber, dayCount: message.dayCount })
    : null;
}

/** "Ends Sat, 5 Dec, 09:00 CET", "Ended …" or "Withdrawn". */
export function endLabel(t: TFunction<'inbox'>, message: TitleFields): string | null {
  if (message.withdrawn) return t('thread.withdrawn');
  if (!message.expiresAt) return null;
  const time = formatZonedDateTime(message.expiresAt);
  return message.expired ? t('thread.ended', { time }) : t('thread.ends', { time });
}

/** The parts after the subject, shown on their own line: ["Day 3 of 5", "Ends …"]. */
export function titleDetails(t: TFunction<'inbox'>, message: TitleFields): string[] {
  return [dayLabel(t, message), endLabel(t, message)].filter((part): part is string => part !== null);
}

/** The whole title as one line (accessible names, the undo toast). */
export function threadTitle(t: TFunction<'inbox'>, message: TitleFields): string {
  const details = titleDetails(t, message).join(' · ');
  return details ? `${displaySubject(message)}, ${details}` : displaySubject(message);
}

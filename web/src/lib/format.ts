/**
 * Number and date formatting shared by the features: Intl in the UI's language
 * (`currentLocale()`), so a German reader gets "1.299,00 €" and "Sa., 5. Dez.,
 * 09:00 MEZ". Times that belong to a zone name it.
 */
import { currentLocale } from './i18n';

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * Formats a price given in minor units of an ISO 4217 currency (contracts.md's
 * `priceCents`): the currency's own number of digits decides the unit — 1299
 * is 12,99 € but ¥1,299 and 1.299 KWD.
 */
export function formatMoney(minorUnits: number, currency: string, locale: string = currentLocale()): string {
  const format = moneyFormat(currency, locale);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

/** A date and time; pass `timeZone` to show it in that zone (its name is then shown too). */
export function formatDateTime(
  value: Date | string,
  options: Intl.DateTimeFormatOptions = {},
  locale: string = currentLocale(),
) {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...options }).format(date);
}

/** "Sat 5 Dec, 09:00 CET": weekday, day, time and the zone's short name (the reader's zone unless given). */
export function formatZonedDateTime(value: Date | string, timeZone?: string, locale: string = currentLocale()) {
  return formatDateTime(
    value,
    {
      dateStyle: undefined,
      timeStyle: undefined,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone,
    },
    locale,
  );
}

/** "5 min ago", "yesterday", "3 days ago" — for lists of messages. */
export function formatRelative(value: Date | string, now: Date = new Date(), locale: string = currentLocale()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return format.format(Math.round(seconds / 86_400), 'day');
  return formatDateTime(date, { dateStyle: 'medium', timeStyle: undefined }, locale);
}

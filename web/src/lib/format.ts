/** Number and date formatting shared by the features (Intl, the user's locale). */

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats a price given in cents of an ISO 4217 currency. */
export function formatMoney(cents: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  // The contract carries prices as hundredths of the currency unit (`priceCents`).
  return format.format(cents / 100);
}

export function formatDateTime(value: Date | string, options: Intl.DateTimeFormatOptions = {}, locale?: string) {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...options }).format(date);
}

/** "5 min ago", "yesterday", "3 days ago" — for lists of messages. */
export function formatRelative(value: Date | string, now: Date = new Date(), locale?: string): string {
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

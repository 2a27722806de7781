/** The editor's form model and its conversions to and from the Promotion JSON. */
import { format } from 'date-fns';
import { formatInTimeZone } from 'date-fns-tz';
import { i18n } from '@/lib/i18n';
import type { PackageProduct, Promotion, PromotionInput } from '../api/promotions-api';

export type PromotionFormValues = {
  title: string;
  packageName: string;
  /** Kept as typed; an empty string means no discount. */
  discountPercent: string;
  message: string;
  products: PackageProduct[];
  timeZone: string;
  startsAt: string;
  endsAt: string;
  dailySendTime: string;
};

export type SelectedRange = { start: Date; end: Date; allDay: boolean };

/** The message's placeholders; each one's explanation is `calendar:placeholder.<name>` in the locales. */
export const MESSAGE_PLACEHOLDERS = ['firstName', 'promotionTitle', 'discountPercent', 'endsAt', 'dayNumber', 'daysLeft'] as const;

export const placeholderToken = (name: (typeof MESSAGE_PLACEHOLDERS)[number]) => `{{${name}}}`;

/**
 * The new promotion's message in the UI's language (`calendar:defaultMessage`).
 * i18next would fill the message's own {{placeholders}}, so each is given itself.
 */
function defaultMessage(): string {
  const tokens = Object.fromEntries(MESSAGE_PLACEHOLDERS.map((name) => [name, placeholderToken(name)]));
  return i18n.t('calendar:defaultMessage', tokens);
}

const LOCAL_DATE_TIME = "yyyy-MM-dd'T'HH:mm";

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

let zones: string[] | undefined;
/** Every IANA zone the browser knows, for the time-zone picker. */
export function timeZoneOptions(): string[] {
  if (!zones) {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = Array.from(new Set([...supported, 'UTC', browserTimeZone()])).sort();
  }
  return zones;
}

/**
 * A selection on the calendar becomes the new promotion's interval. Whole days
 * (month view) start at 09:00 on the first day and end at midnight after the
 * last; a timed selection (week view) is taken as it is, in the zone chosen.
 */
export function newFormValues(range?: SelectedRange, timeZone = browserTimeZone()): PromotionFormValues {
  let startsAt = '';
  let endsAt = '';
  if (range) {
    if (range.allDay) {
      startsAt = `${format(range.start, 'yyyy-MM-dd')}T09:00`;
      endsAt = `${format(range.end, 'yyyy-MM-dd')}T00:00`;
    } else {
      startsAt = formatInTimeZone(range.start, timeZone, LOCAL_DATE_TIME);
      endsAt = formatInTimeZone(range.end, timeZone, LOCAL_DATE_TIME);
    }
  }
  return {
    title: '',
    packageName: '',
    discountPercent: '20',
    message: defaultMessage(),
    products: [],
    timeZone,
    startsAt,
    endsAt,
    dailySendTime: range?.allDay ? '09:00' : '',
  };
}

const minutesOnly = (value: string | null | undefined, length: number) => (value ?? '').slice(0, length);

export function formValuesFrom(promotion: Promotion): PromotionFormValues {
  return {
    title: promotion.title,
    packageName: promotion.package.name,
    discountPercent: promotion.package.discountPercent == null ? '' : String(promotion.package.discountPercent),
    message: promotion.package.message,
    products: promotion.package.products,
    timeZone: promotion.timeZone,
    startsAt: minutesOnly(promotion.startsAt, 16),
    endsAt: minutesOnly(promotion.endsAt, 16),
    dailySendTime: minutesOnly(promotion.dailySendTime, 5),
  };
}

export function parseDiscount(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : NaN;
}

export function promoPriceCents(priceCents: number, discountPercent: number | null): number {
  if (discountPercent == null || !Number.isFinite(discountPercent)) return priceCents;
  return Math.round((priceCents * (100 - discountPercent)) / 100);
}

/** What is sent; the server validates (problem+json names the fields), the form does not guess. */
export function toPromotionInput(values: PromotionFormValues): PromotionInput {
  const discount = parseDiscount(values.discountPercent);
  return {
    title: values.title.trim(),
    timeZone: values.timeZone,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    dailySendTime: values.dailySendTime || null,
    package: {
      name: values.packageName.trim(),
      discountPercent: discount,
      message: values.message,
      products: values.products.map((product) => ({ ...product, promoPriceCents: promoPriceCents(product.priceCents, discount) })),
    },
  };
}

/** Which server field paths (contracts.md field names) each form field shows. */
import type { FieldErrors } from '@/lib/api-error';
import type { PromotionFormValues } from './promotion-form-values';

const FIELD_PATHS: Record<keyof PromotionFormValues, (path: string) => boolean> = {
  title: (p) => p === 'title',
  packageName: (p) => p === 'package.name' || p === 'package',
  discountPercent: (p) => p === 'package.discountPercent',
  message: (p) => p === 'package.message',
  products: (p) => p.startsWith('package.products'),
  timeZone: (p) => p === 'timeZone',
  startsAt: (p) => p === 'startsAt',
  endsAt: (p) => p === 'endsAt',
  dailySendTime: (p) => p === 'dailySendTime',
};

/** The server's messages for one form field, joined; products name their index. */
export function errorFor(errors: FieldErrors, field: keyof PromotionFormValues): string | undefined {
  const messages = Object.entries(errors)
    .filter(([path]) => FIELD_PATHS[field](path))
    .map(([path, message]) => (path.includes('[') ? `${path.replace(/^package\./, '')}: ${message}` : message));
  return messages.length ? messages.join(' ') : undefined;
}

/** Errors no field shows: listed in the alert with their path. */
export function unplacedErrors(errors: FieldErrors): [string, string][] {
  const fields = Object.keys(FIELD_PATHS) as (keyof PromotionFormValues)[];
  return Object.entries(errors).filter(([path]) => !fields.some((field) => FIELD_PATHS[field](path)));
}

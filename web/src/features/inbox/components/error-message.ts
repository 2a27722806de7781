import type { TFunction } from 'i18next';
import { ApiError } from '@/lib/api-error';

/** A failed inbox call in the reader's language (the service's problem text is English). */
export function errorMessage(t: TFunction<'inbox'>, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.status === 404) return t('errors.notFound');
    if (error.status >= 500) return t('errors.server');
  }
  return t('errors.generic');
}

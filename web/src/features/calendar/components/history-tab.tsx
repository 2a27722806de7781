import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDateTime } from '@/lib/format';
import type { AuditChange, AuditEntry } from '../api/audit-api';
import { useAuditTrail } from '../hooks/use-audit-trail';
import { formatLocalDateTime } from '../model/time-zones';
import { EditorLoading } from './editor-loading';

/** The editor's label for each field the trail names (the same words as the form). */
const FIELD_LABELS: Record<string, string> = {
  title: 'editor.title',
  startsAt: 'editor.startsAt',
  endsAt: 'editor.endsAt',
  timeZone: 'editor.timeZone',
  dailySendTime: 'editor.dailySendTime',
  'package.name': 'editor.packageName',
  'package.discountPercent': 'editor.discount',
  'package.message': 'editor.message',
  status: 'history.field.status',
  reason: 'history.field.reason',
};

/** A stored value as the admin would read it: local date-times and statuses in the UI's language, text quoted. */
function readable(t: TFunction<'calendar'>, field: string, value: unknown): string {
  if (value == null || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return t(`history.status.${value}`, { defaultValue: value });
  if ((field === 'startsAt' || field === 'endsAt') && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
    return formatLocalDateTime(value);
  }
  if (field === 'package.discountPercent') return `${value} %`;
  if (typeof value === 'string') return t('history.quoted', { text: value });
  return String(value);
}

function changeText(t: TFunction<'calendar'>, change: AuditChange): string {
  const { field, from, to } = change;
  if (field === 'package.products') {
    return to != null ? t('history.productAdded', { sku: to }) : t('history.productRemoved', { sku: from });
  }
  if (field === 'duplicateOf') return t('history.copiedFrom', { id: to });
  if (field === 'reason') return t('history.reason', { reason: readable(t, field, to) });
  const label = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : t('history.field.other', { field });
  if (from == null) return t('history.set', { field: label, to: readable(t, field, to) });
  if (to == null) return t('history.cleared', { field: label, from: readable(t, field, from) });
  return t('history.changed', { field: label, from: readable(t, field, from), to: readable(t, field, to) });
}

function HistoryEntry({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('calendar');
  return (
    <li className="history-entry">
      <p className="history-what">
        <strong>{t(`history.action.${entry.action}`, { actor: entry.actor, defaultValue: `${entry.actor}: ${entry.action}` })}</strong>
        <span className="muted small">
          {' · '}
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          {' · '}
          {t('history.version', { version: entry.version })}
        </span>
      </p>
      {entry.changes === null && <p className="muted small">{t('history.notRecorded')}</p>}
      {entry.action === 'UPDATED' && entry.changes?.length === 0 && <p className="muted small">{t('history.nothingChanged')}</p>}
      {entry.changes && entry.changes.length > 0 && (
        <ul className="history-changes" aria-label={t('history.changes')}>
          {entry.changes.map((change, index) => (
            <li key={index}>{changeText(t, change)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The audit trail, newest first: who did what and when, and what each change changed. */
export function HistoryTab({ promotionId }: { promotionId: string }) {
  const { t } = useTranslation('calendar');
  const titleId = useId();
  const trail = useAuditTrail(promotionId);
  const entries = trail.data ? [...trail.data].reverse() : [];
  return (
    <section className="history-tab" aria-labelledby={titleId}>
      <h3 className="section-title" id={titleId}>
        {t('history.title')}
      </h3>
      {trail.isPending && (
        <EditorLoading />
      )}
      {trail.isError && (
        <p className="inline-error" role="alert">
          {trail.error.message}
        </p>
      )}
      {trail.isSuccess && entries.length === 0 && <p>{t('history.none')}</p>}
      {entries.length > 0 && (
        <ol className="history-list" aria-labelledby={titleId}>
          {entries.map((entry, index) => (
            <HistoryEntry key={`${entry.version}-${entry.action}-${index}`} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

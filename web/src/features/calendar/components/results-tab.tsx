import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '@/lib/i18n';
import { formatDateTime } from '@/lib/format';
import { readRate, totals, type DeliveryDay, type ResultDay } from '../api/results-api';
import { RESULTS_REFRESH_MS, usePromotionResults } from '../hooks/use-promotion-results';
import { formatLocalDay } from '../model/time-zones';
import { EditorLoading } from './editor-loading';

const timeOnly = (value: string | number) => formatDateTime(new Date(value), { dateStyle: undefined, timeStyle: 'short' });
const dateTime = (value: string) =>
  formatDateTime(value, { dateStyle: undefined, timeStyle: undefined, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** The day's delivery in words: status (never colour alone), when, how many, and why it failed or was skipped. */
function DeliveryStatus({ delivery }: { delivery?: DeliveryDay }) {
  const { t } = useTranslation('calendar');
  if (!delivery) return <span className="muted">{t('results.status.none')}</span>;
  const { status, missing } = delivery;
  if (missing) {
    return (
      <span className="delivery-status delivery-missing">
        <span aria-hidden="true">⚠ </span>
        {t('results.status.missing', { time: delivery.fireAt ? dateTime(delivery.fireAt) : delivery.day })}
      </span>
    );
  }
  return (
    <span className={`delivery-status delivery-${status}`}>
      <span aria-hidden="true">{{ delivered: '✓ ', failed: '✕ ', skipped: '– ', due: '… ', running: '… ' }[status]}</span>
      {status === 'running'
        ? t('results.status.running', { reported: delivery.shardsReported, shards: delivery.shards ?? '?' })
        : t(`results.status.${status}`)}
      {status === 'delivered' && delivery.finishedAt && <> {t('results.finishedAt', { time: timeOnly(delivery.finishedAt) })}</>}
      {(status === 'delivered' || status === 'running') && (
        <span className="delivery-detail">{t('results.recipients', { count: delivery.recipients })}</span>
      )}
      {delivery.reason && <span className="delivery-detail">{t('results.reason', { reason: delivery.reason })}</span>}
    </span>
  );
}

function ResultRow({ row, number, percent }: { row: ResultDay; number: Intl.NumberFormat; percent: Intl.NumberFormat }) {
  const { t } = useTranslation('calendar');
  const rate = readRate(row.stats);
  return (
    <tr className={row.delivery?.missing || row.delivery?.status === 'failed' ? 'result-problem' : undefined}>
      <th scope="row">
        {row.dayNumber != null && <span className="result-day-number">{t('results.dayNumber', { number: row.dayNumber })}</span>}
        <span className="result-day-date">{formatLocalDay(row.day)}</span>
      </th>
      <td>
        <DeliveryStatus delivery={row.delivery} />
      </td>
      <td className="num">{number.format(row.stats.delivered)}</td>
      <td className="num">
        {rate == null
          ? number.format(row.stats.read)
          : t('results.readOf', { read: number.format(row.stats.read), rate: percent.format(rate) })}
      </td>
      <td className="num">{number.format(row.stats.archived)}</td>
      <td className="num">{number.format(row.stats.suppressed)}</td>
    </tr>
  );
}

/**
 * A published promotion's results per day: the job's report (status, time,
 * recipients, the reason of a failure; a due day without a report flagged as
 * missing) beside the inbox's counts (delivered, read with its rate, archived,
 * suppressed). Counts only; refreshed while the tab is open.
 */
export function ResultsTab({ promotionId }: { promotionId: string }) {
  const { t } = useTranslation('calendar');
  const captionId = useId();
  const results = usePromotionResults(promotionId);
  const locale = currentLocale();
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const rows = results.rows ?? [];
  const sum = totals(rows);
  const sumRate = readRate(sum);

  return (
    <section className="results-tab" aria-labelledby={captionId}>
      <h3 className="section-title" id={captionId}>
        {t('results.title')}
      </h3>
      <p className="muted small">
        {results.updatedAt > 0 &&
          t('results.updated', { seconds: RESULTS_REFRESH_MS / 1000, time: formatDateTime(new Date(results.updatedAt), { dateStyle: undefined, timeStyle: 'medium' }) })}
      </p>
      {results.isPending && (
        <EditorLoading />
      )}
      {results.deliveriesError && (
        <p className="inline-error" role="alert">
          {t('results.deliveriesFailed', { message: results.deliveriesError.message })}
        </p>
      )}
      {results.statsError && (
        <p className="inline-error" role="alert">
          {t('results.statsFailed', { message: results.statsError.message })}
        </p>
      )}
      {results.rows && rows.length === 0 && <p>{t('results.none')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={`${captionId}-caption`} tabIndex={0}>
          <table className="results-table">
            <caption id={`${captionId}-caption`}>{t('results.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.day')}</th>
                <th scope="col">{t('results.delivery')}</th>
                <th scope="col" className="num">{t('results.delivered')}</th>
                <th scope="col" className="num">{t('results.read')}</th>
                <th scope="col" className="num">{t('results.archived')}</th>
                <th scope="col" className="num">{t('results.suppressed')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <ResultRow key={row.day} row={row} number={number} percent={percent} />
              ))}
            </tbody>
            {rows.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">{t('results.total')}</th>
                  <td />
                  <td className="num">{number.format(sum.delivered)}</td>
                  <td className="num">
                    {sumRate == null
                      ? number.format(sum.read)
                      : t('results.readOf', { read: number.format(sum.read), rate: percent.format(sumRate) })}
                  </td>
                  <td className="num">{number.format(sum.archived)}</td>
                  <td className="num">{number.format(sum.suppressed)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      {rows.length > 0 && <p className="muted small">{t('results.suppressedHint')}</p>}
    </section>
  );
}

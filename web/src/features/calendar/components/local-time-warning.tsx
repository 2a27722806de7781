import { useTranslation } from 'react-i18next';
import type { LocalTimeWarning, Promotion } from '../api/promotions-api';
import { formatDayList } from '../model/time-zones';

/** The saved local time a warning is about: the start's or end's time of day, or the daily send time. */
function timeOf(promotion: Promotion, field: LocalTimeWarning['field']): string {
  if (field === 'dailySendTime') return (promotion.dailySendTime || promotion.startsAt.slice(11, 16)).slice(0, 5);
  return promotion[field].slice(11, 16);
}

/**
 * A save's warning that a field's local time falls into a clock change, in the
 * UI's language (by its code; the service's English `message` only for a code
 * this UI does not know). Shown in the field's description: saved, not refused.
 */
export function LocalTimeWarnings({ warnings, promotion }: { warnings: LocalTimeWarning[]; promotion?: Promotion }) {
  const { t } = useTranslation('calendar');
  if (warnings.length === 0) return null;
  return (
    <>
      {warnings.map((warning) => {
        const known = warning.code === 'LOCAL_TIME_IN_GAP' || warning.code === 'LOCAL_TIME_IN_OVERLAP';
        const text =
          known && promotion
            ? t(`timeWarning.${warning.code}`, {
                time: timeOf(promotion, warning.field),
                days: formatDayList(warning.days, (count) => t('timeWarning.more', { count })),
                zone: promotion.timeZone,
              })
            : warning.message;
        return (
          <p key={`${warning.code}-${warning.field}`} className="field-warning">
            <span aria-hidden="true">⚠ </span>
            <span className="visually-hidden">{t('timeWarning.label')} </span>
            {text}
          </p>
        );
      })}
    </>
  );
}

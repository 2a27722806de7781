import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { browserZone, PLACEMENT_ZONES, type PlacementZone } from '../api/zone-placement';

/** Chooses the one zone the calendar places and labels every promotion in (remembered in this browser). */
export function ZoneSwitch({ zone, onChange }: { zone: PlacementZone; onChange: (zone: PlacementZone) => void }) {
  const { t } = useTranslation('calendar');
  const id = useId();
  return (
    <div className="zone-switch">
      <label className="field-label" htmlFor={id}>
        {t('placement.label')}
      </label>
      <select id={id} className="input zone-switch-select" value={zone} onChange={(event) => onChange(event.target.value as PlacementZone)}>
        {PLACEMENT_ZONES.map((option) => (
          <option key={option} value={option}>
            {t(`placement.${option}`, { timeZone: browserZone() })}
          </option>
        ))}
      </select>
    </div>
  );
}

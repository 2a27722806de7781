import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences, useSavePreferences } from '../hooks/use-preferences';
import { errorMessage } from './error-message';

/** The switch for all promotion messages (`PUT /api/inbox/preferences`); off pauses new messages. */
export function PromotionMessagesSwitch() {
  const { t } = useTranslation('inbox');
  const preferences = usePreferences();
  const save = useSavePreferences();
  const hintId = useId();
  const on = save.isPending ? save.variables.promotionMessages : preferences.data?.promotionMessages;

  return (
    <div className="preference-switch">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={on ?? true}
          disabled={!preferences.isSuccess || save.isPending}
          aria-describedby={hintId}
          onChange={(event) => save.mutate({ promotionMessages: event.target.checked })}
        />
        <span className="switch-label">{t('preferences.label')}</span>
      </label>
      <span id={hintId} className="switch-hint">
        {preferences.isError ? errorMessage(t, preferences.error) : on === false ? t('preferences.off') : t('preferences.on')}
      </span>
      {save.isError && (
        <span role="alert" className="inline-error">
          {errorMessage(t, save.error)}
        </span>
      )}
    </div>
  );
}

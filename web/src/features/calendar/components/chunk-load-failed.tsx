import { useTranslation } from 'react-i18next';

/** A lazily loaded part whose chunk is gone (a newer build replaced it since the page loaded) says so instead of breaking the page. */
export function ChunkLoadFailed() {
  const { t } = useTranslation('calendar');
  return (
    <div className="inline-error" role="alert">
      <p>{t('tabs.loadFailed')}</p>
      <button type="button" className="button button-secondary button-small" onClick={() => window.location.reload()}>
        {t('tabs.reload')}
      </button>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { InboxMessage } from '../api/inbox-api';

/** The tags a thread or day carries: Test, Withdrawn or Ended, Muted. */
export function ThreadTags({ message, muted = false }: { message: Pick<InboxMessage, 'test' | 'withdrawn' | 'expired'>; muted?: boolean }) {
  const { t } = useTranslation('inbox');
  return (
    <>
      {message.test && <span className="tag tag-test">{t('tags.test')}</span>}
      {message.withdrawn ? (
        <span className="tag tag-withdrawn">{t('tags.withdrawn')}</span>
      ) : (
        message.expired && <span className="tag tag-ended">{t('tags.ended')}</span>
      )}
      {muted && <span className="tag tag-muted">{t('tags.muted')}</span>}
    </>
  );
}

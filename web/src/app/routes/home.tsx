import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';

export function HomeRoute() {
  const session = useSession();
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{t('home.greeting', { name: session?.displayName })}</h1>
          <p className="page-subtitle">{t('home.subtitle')}</p>
        </div>
      </div>
      <div className="card-grid">
        <Link to={paths.inbox} className="panel home-card">
          <h2>{t('home.inboxTitle')}</h2>
          <p>{t('home.inboxText')}</p>
        </Link>
        {session?.isAdmin && (
          <Link to={paths.calendar} className="panel home-card">
            <h2>{t('home.calendarTitle')}</h2>
            <p>{t('home.calendarText')}</p>
          </Link>
        )}
      </div>
    </div>
  );
}

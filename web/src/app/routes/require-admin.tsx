import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';

/** Only admins (realm role `admin`) get past; the API refuses everyone else anyway. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session?.isAdmin) return <>{children}</>;
  return (
    <div className="page">
      <div className="panel empty-state" role="alert">
        <h1>{t('notAvailable')}</h1>
        <p>{t('adminsOnly')}</p>
        <Link to={paths.home} className="button button-secondary">
          {t('backHome')}
        </Link>
      </div>
    </div>
  );
}

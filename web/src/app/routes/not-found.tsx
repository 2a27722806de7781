import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="panel empty-state">
        <h1>{t('notFound')}</h1>
        <Link to={paths.home} className="button button-secondary">
          {t('backHome')}
        </Link>
      </div>
    </div>
  );
}

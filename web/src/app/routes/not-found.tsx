import { Link } from 'react-router';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  return (
    <div className="page">
      <div className="panel empty-state">
        <h1>Page not found</h1>
        <Link to={paths.home} className="button button-secondary">
          Back to home
        </Link>
      </div>
    </div>
  );
}

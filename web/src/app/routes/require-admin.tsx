import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';

/** Only admins (realm role `admin`) get past; the API refuses everyone else anyway. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session?.isAdmin) return <>{children}</>;
  return (
    <div className="page">
      <div className="panel empty-state" role="alert">
        <h1>Not available</h1>
        <p>The Event Calendar is for shop administrators.</p>
        <Link to={paths.home} className="button button-secondary">
          Back to home
        </Link>
      </div>
    </div>
  );
}

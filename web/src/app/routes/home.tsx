import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';

export function HomeRoute() {
  const session = useSession();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Hello, {session?.displayName}</h1>
          <p className="page-subtitle">Your promotions arrive in your inbox once a day while they run.</p>
        </div>
      </div>
      <div className="card-grid">
        <Link to={paths.inbox} className="panel home-card">
          <h2>Inbox</h2>
          <p>Read your promotion messages and see the products on offer.</p>
        </Link>
        {session?.isAdmin && (
          <Link to={paths.calendar} className="panel home-card">
            <h2>Event Calendar</h2>
            <p>Plan, preview and publish promotions.</p>
          </Link>
        )}
      </div>
    </div>
  );
}

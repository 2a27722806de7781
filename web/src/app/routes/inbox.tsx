import { useParams } from 'react-router';
import { InboxPage } from '@/features/inbox';

export function InboxRoute() {
  const { messageId } = useParams();
  return <InboxPage selectedId={messageId} />;
}

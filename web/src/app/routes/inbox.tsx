import { useParams } from 'react-router';
import { InboxMessageRedirect, InboxPage } from '@/features/inbox';
// The link rule only, not the feature's index: that would pull the lazy product page into the first load.
import { productLink } from '@/features/product/product-link';

/**
 * `/inbox` and `/inbox/promotions/:promotionId` (a thread); the view is in
 * `?view=`. A product of this shop opens the product page with the message
 * named (the product feature's link rule), composed here since features do
 * not import each other.
 */
export function InboxRoute() {
  const { promotionId } = useParams();
  return <InboxPage promotionId={promotionId} productLink={productLink} />;
}

/** `/inbox/:messageId`: links to one message (from before threads) open its thread. */
export function InboxMessageRoute() {
  const { messageId } = useParams();
  return <InboxMessageRedirect messageId={messageId!} />;
}

/** The inbox feature's public surface, used by the app's header and routes. */
export { InboxMenu } from './components/inbox-menu';
export { InboxMessageRedirect, InboxPage } from './components/inbox-page';
export type { ProductLinkResolver } from './components/product-card';

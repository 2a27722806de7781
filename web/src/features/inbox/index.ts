/** The inbox feature's public surface, used by the app's header and routes. */
export { InboxMenu } from './components/inbox-menu';
export { InboxPage } from './components/inbox-page';

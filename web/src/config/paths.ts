/** The app's routes, shared by the router, the header and the features' links. */
export const paths = {
  home: '/',
  inbox: '/inbox',
  inboxMessage: (id: string) => `/inbox/${encodeURIComponent(id)}`,
  calendar: '/calendar',
} as const;

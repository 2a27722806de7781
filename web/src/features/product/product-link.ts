/**
 * Where a "View product" link in a message goes. A product's `url` that is a
 * page of this app (same origin, e.g. http://127.0.0.1:5173/products/COF-1001
 * in the local stack) gets `?message=<id>`, so the page can show that
 * message's promotion price, and becomes an in-app path for the router. Any
 * other web link stays as it is and is never told the message id. Anything
 * that is not an absolute http(s) URL (`javascript:`, `data:`, relative) gives
 * no link at all; the services refuse such urls already, this is the last check.
 */
export type ProductLink =
  /** A page of this app: navigate with the router (`<Link to={href}>`), same tab. */
  | { sameOrigin: true; href: string }
  /** Another site: `<a href={href} target="_blank" rel="noopener noreferrer">`. */
  | { sameOrigin: false; href: string };

export function productLink(
  url: string | null | undefined,
  messageId: string | undefined,
  origin: string = window.location.origin,
): ProductLink | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url); // no base: a relative url throws
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (parsed.origin !== origin) return { sameOrigin: false, href: url };
  if (messageId) parsed.searchParams.set('message', messageId);
  return { sameOrigin: true, href: `${parsed.pathname}${parsed.search}${parsed.hash}` };
}

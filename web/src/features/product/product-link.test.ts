import { describe, expect, it } from 'vitest';
import { productLink } from './product-link';

const origin = 'http://127.0.0.1:5173';

describe('productLink', () => {
  it('sends a product page of this app to the page with the message id, as an in-app path', () => {
    expect(productLink('http://127.0.0.1:5173/products/COF-1001', '42', origin)).toEqual({
      sameOrigin: true,
      href: '/products/COF-1001?message=42',
    });
  });

  it('keeps a query the url has and encodes the id', () => {
    expect(productLink('http://127.0.0.1:5173/products/A?ref=mail#top', 'a b&c', origin)).toEqual({
      sameOrigin: true,
      href: '/products/A?ref=mail&message=a+b%26c#top',
    });
  });

  it('leaves a same-origin url without a message id as it is', () => {
    expect(productLink('http://127.0.0.1:5173/products/A', undefined, origin)).toEqual({ sameOrigin: true, href: '/products/A' });
  });

  it('never tells another site the message id', () => {
    expect(productLink('https://shop.example/p/A', '42', origin)).toEqual({ sameOrigin: false, href: 'https://shop.example/p/A' });
    // another port or host name is another origin too
    expect(productLink('http://localhost:5173/products/A', '42', origin)?.sameOrigin).toBe(false);
    expect(productLink('http://127.0.0.1:8083/shop/A', '42', origin)?.href).toBe('http://127.0.0.1:8083/shop/A');
  });

  it('gives no link for anything that is not an absolute web link', () => {
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', '/products/A', 'products/A', 'ftp://x.example/a', '', null, undefined]) {
      expect(productLink(url, '42', origin)).toBeUndefined();
    }
  });

  it('uses the page’s own origin by default', () => {
    expect(productLink(`${window.location.origin}/products/A`, '7')).toEqual({ sameOrigin: true, href: '/products/A?message=7' });
  });
});

/** The product feature's public surface: the product page (the app lazy-loads it) and the link helper for messages. */
export { ProductPage } from './components/product-page';
export { productLink, type ProductLink } from './product-link';

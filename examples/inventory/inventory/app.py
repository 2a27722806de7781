"""HTTP API of the stand-in inventory (the shape the event calendar relies on).

GET /products?query=&limit=        -> [{sku, name, priceCents, currency, imageUrl, url}]
GET /products/{sku}                -> one product, 404 when unknown
GET /api/public/products/{sku}     -> {sku, name, imageUrl, priceCents, currency, description?}
                                      for the shop's product page; no token, problem+json 404
GET /images/{sku}.svg              -> the product picture
GET /shop/{sku}                    -> 308 to the product's page (links copied before it moved)
GET /health                        -> {"status": "UP"}

A product's `url` is its page in the shop's web app, `{SHOP_WEB_URL}/products/{sku}`:
that is what the calendar copies into promotions and what customers open from
their inbox. Its `imageUrl` is served here, under `INVENTORY_PUBLIC_URL`.
"""
import os
from contextlib import asynccontextmanager
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

from . import catalog
from .pictures import product_svg

# The local stack's web app (contracts.md, "Local ports"); production sets the shop's portal.
DEFAULT_SHOP_WEB_URL = "http://127.0.0.1:5173"


def shop_web_url() -> str:
    """The base of the shop's product pages (`SHOP_WEB_URL`); only an absolute http(s) URL will do."""
    value = os.environ.get("SHOP_WEB_URL", DEFAULT_SHOP_WEB_URL).rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"SHOP_WEB_URL must be an absolute http(s) URL without query or fragment, got {value!r}")
    return value


@asynccontextmanager
async def lifespan(_: FastAPI):
    shop_web_url()  # a bad setting stops the start instead of going into promotions
    yield


app = FastAPI(title="Inventory (stand-in)", version="0.2.0", lifespan=lifespan)


class ProductView(BaseModel):
    sku: str
    name: str
    priceCents: int
    currency: str
    imageUrl: str
    url: str


class PublicProduct(BaseModel):
    """What anyone may read about a product: no stock, no purchase prices, nothing per customer."""

    sku: str
    name: str
    imageUrl: str
    priceCents: int
    currency: str
    description: str | None = None


def _public_base(request: Request) -> str:
    # The URL browsers use for pictures; configurable because it ends up stored in promotions.
    return os.environ.get("INVENTORY_PUBLIC_URL", str(request.base_url)).rstrip("/")


def _page_url(sku: str) -> str:
    return f"{shop_web_url()}/products/{quote(sku, safe='')}"


def _image_url(product: catalog.Product, base: str) -> str:
    return f"{base}/images/{quote(product.sku, safe='')}.svg"


def _view(product: catalog.Product, base: str) -> ProductView:
    return ProductView(
        sku=product.sku,
        name=product.name,
        priceCents=product.price_cents,
        currency=product.currency,
        imageUrl=_image_url(product, base),
        url=_page_url(product.sku),
    )


def _find(sku: str) -> catalog.Product:
    product = catalog.BY_SKU.get(sku)
    if product is None:
        raise HTTPException(status_code=404, detail=f"no product with sku {sku}")
    return product


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "UP"}


@app.get("/products", response_model=list[ProductView])
def search_products(
    request: Request,
    query: str | None = Query(default=None, max_length=100),
    limit: int = Query(default=20, ge=1, le=100),
) -> list[ProductView]:
    base = _public_base(request)
    return [_view(product, base) for product in catalog.search(query, limit)]


@app.get("/products/{sku}", response_model=ProductView)
def get_product(request: Request, sku: str) -> ProductView:
    return _view(_find(sku), _public_base(request))


@app.get(
    "/api/public/products/{sku}",
    response_model=PublicProduct,
    response_model_exclude_none=True,
    responses={404: {"description": "No product with this sku (application/problem+json)"}},
)
def get_public_product(request: Request, sku: str, response: Response) -> PublicProduct | JSONResponse:
    product = catalog.BY_SKU.get(sku)
    if product is None:
        # The web app reads problem+json (contracts.md: errors as application/problem+json).
        return JSONResponse(
            status_code=404,
            media_type="application/problem+json",
            content={"type": "about:blank", "title": "Product not found", "status": 404,
                     "detail": f"There is no product with the SKU {sku}."},
        )
    # Everyone sees the same answer: shared caches may keep it for a minute.
    response.headers["Cache-Control"] = "public, max-age=60"
    return PublicProduct(
        sku=product.sku,
        name=product.name,
        imageUrl=_image_url(product, _public_base(request)),
        priceCents=product.price_cents,
        currency=product.currency,
        description=catalog.DESCRIPTIONS.get(product.category),
    )


@app.get("/images/{sku}.svg")
def get_picture(sku: str) -> Response:
    return Response(
        content=product_svg(_find(sku)),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@app.get("/shop/{sku}", include_in_schema=False)
def get_product_page(sku: str) -> RedirectResponse:
    # The product page moved into the shop's web app; promotions saved before still carry /shop/ links.
    return RedirectResponse(_page_url(_find(sku).sku), status_code=308)

"""HTTP API of the stand-in inventory (the shape the event calendar relies on).

GET /products?query=&limit=   -> [{sku, name, priceCents, currency, imageUrl, url}]
GET /products/{sku}           -> one product, 404 when unknown
GET /images/{sku}.svg         -> the product picture
GET /shop/{sku}               -> a minimal product page (the product's `url`)
GET /health                   -> {"status": "UP"}
"""
import os
from html import escape

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from . import catalog
from .pictures import product_svg

app = FastAPI(title="Inventory (stand-in)", version="0.1.0")


class ProductView(BaseModel):
    sku: str
    name: str
    priceCents: int
    currency: str
    imageUrl: str
    url: str


def _public_base(request: Request) -> str:
    # The URL browsers use for pictures and pages; configurable because it ends up stored in promotions.
    return os.environ.get("INVENTORY_PUBLIC_URL", str(request.base_url)).rstrip("/")


def _view(product: catalog.Product, base: str) -> ProductView:
    return ProductView(
        sku=product.sku,
        name=product.name,
        priceCents=product.price_cents,
        currency=product.currency,
        imageUrl=f"{base}/images/{product.sku}.svg",
        url=f"{base}/shop/{product.sku}",
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


@app.get("/images/{sku}.svg")
def get_picture(sku: str) -> Response:
    return Response(
        content=product_svg(_find(sku)),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@app.get("/shop/{sku}", response_class=HTMLResponse)
def get_product_page(request: Request, sku: str) -> str:
    product = _find(sku)
    view = _view(product, _public_base(request))
    euros = f"{product.price_cents // 100},{product.price_cents % 100:02d} {escape(product.currency)}"
    return (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(product.name)}</title>"
        f"<h1>{escape(product.name)}</h1><img src=\"{escape(view.imageUrl)}\" alt=\"{escape(product.name)}\">"
        f"<p>{euros}</p></html>"
    )

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from inventory import catalog
from inventory.app import app, shop_web_url

client = TestClient(app)
EXAMPLES = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def default_settings(monkeypatch):
    """The documented defaults, whatever the shell running the tests exports."""
    monkeypatch.delenv("SHOP_WEB_URL", raising=False)
    monkeypatch.delenv("INVENTORY_PUBLIC_URL", raising=False)


def test_catalog_has_a_few_dozen_products_with_unique_skus_and_cent_prices():
    assert 25 <= len(catalog.PRODUCTS) <= 50
    assert len(catalog.BY_SKU) == len(catalog.PRODUCTS)
    assert all(isinstance(p.price_cents, int) and p.price_cents > 0 for p in catalog.PRODUCTS)


def test_search_matches_every_word_case_insensitively_and_respects_limit():
    response = client.get("/products", params={"query": "SYRUP 700", "limit": 2})
    assert response.status_code == 200
    body = response.json()
    assert [p["sku"] for p in body] == ["SYR-6001", "SYR-6002"]
    assert set(body[0]) == {"sku", "name", "priceCents", "currency", "imageUrl", "url"}
    assert body[0]["currency"] == "EUR"


def test_search_without_query_lists_the_catalog_up_to_the_default_limit():
    assert len(client.get("/products").json()) == 20


def test_limit_out_of_range_is_rejected():
    assert client.get("/products", params={"limit": 0}).status_code == 422
    assert client.get("/products", params={"limit": 101}).status_code == 422


def test_product_by_sku_and_unknown_sku_is_404():
    assert client.get("/products/TEA-2004").json()["name"] == "Matcha Ceremonial Grade 30 g"
    assert client.get("/products/NOPE-1").status_code == 404


def test_picture_is_an_svg_served_at_the_products_image_url():
    image_url = client.get("/products/SNK-5001").json()["imageUrl"]
    assert image_url.endswith("/images/SNK-5001.svg")
    response = client.get("/images/SNK-5001.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "Dark Chocolate 70 % Cocoa" in response.text


def test_product_url_is_the_page_of_the_web_app_by_default():
    assert client.get("/products/TEA-2004").json()["url"] == "http://127.0.0.1:5173/products/TEA-2004"
    assert client.get("/products", params={"query": "matcha"}).json()[0]["url"].endswith("/products/TEA-2004")


def test_product_url_base_comes_from_shop_web_url(monkeypatch):
    monkeypatch.setenv("SHOP_WEB_URL", "https://shop.example/")
    assert client.get("/products/TEA-2004").json()["url"] == "https://shop.example/products/TEA-2004"


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "data:text/html,x", "/products", "shop.example", "https://", "ftp://shop.example", "https://shop.example/?a=1"])
def test_shop_web_url_must_be_an_absolute_web_link(monkeypatch, bad):
    monkeypatch.setenv("SHOP_WEB_URL", bad)
    with pytest.raises(ValueError, match="SHOP_WEB_URL"):
        shop_web_url()
    with pytest.raises(ValueError, match="SHOP_WEB_URL"):
        with TestClient(app):  # runs the lifespan: the service does not start
            pass


def test_public_product_needs_no_token_and_says_what_the_page_shows():
    response = client.get("/api/public/products/COF-1001")
    assert response.status_code == 200
    assert response.json() == {
        "sku": "COF-1001",
        "name": "Espresso Beans Dark Roast 1 kg",
        "imageUrl": "http://testserver/images/COF-1001.svg",
        "priceCents": 1899,
        "currency": "EUR",
        "description": catalog.DESCRIPTIONS["coffee"],
    }
    assert response.headers["cache-control"] == "public, max-age=60"


def test_public_product_leaves_out_a_missing_description_and_keeps_other_currencies():
    assert "description" not in client.get("/api/public/products/LIM-0200").json()
    kettle = client.get("/api/public/products/KETTLE-STEEL").json()
    assert (kettle["priceCents"], kettle["currency"]) == (5999, "USD")


def test_public_product_unknown_sku_is_a_problem_json_404():
    response = client.get("/api/public/products/NOPE-1")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["title"] == "Product not found"
    assert "NOPE-1" in response.json()["detail"]


def test_old_shop_links_redirect_to_the_product_page():
    response = client.get("/shop/MUG-4001", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "http://127.0.0.1:5173/products/MUG-4001"
    assert client.get("/shop/NOPE-1", follow_redirects=False).status_code == 404


def test_every_example_promotion_product_is_in_the_catalog_and_links_to_its_page():
    for path in sorted(EXAMPLES.glob("*.json")):
        for item in json.loads(path.read_text())["package"]["products"]:
            product = catalog.BY_SKU.get(item["sku"])
            assert product is not None, f"{path.name}: {item['sku']} is not in the catalog"
            assert (item["name"], item["priceCents"], item["currency"]) == (product.name, product.price_cents, product.currency)
            assert item["url"] == f"http://127.0.0.1:5173/products/{item['sku']}", path.name
            assert item["imageUrl"] == f"http://127.0.0.1:8083/images/{item['sku']}.svg", path.name


def test_health():
    assert client.get("/health").json() == {"status": "UP"}

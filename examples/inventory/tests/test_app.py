from fastapi.testclient import TestClient

from inventory import catalog
from inventory.app import app

client = TestClient(app)


def test_catalog_has_a_few_dozen_products_with_unique_skus_and_cent_prices():
    assert 25 <= len(catalog.PRODUCTS) <= 40
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


def test_product_page_escapes_the_name():
    response = client.get("/shop/MUG-4001")
    assert response.status_code == 200
    assert "<h1>Stoneware Mug Ocean Blue 350 ml</h1>" in response.text


def test_health():
    assert client.get("/health").json() == {"status": "UP"}

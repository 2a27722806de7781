"""The seeded catalog: a few dozen products a shop might run promotions on.

Prices are integer minor units of the currency (never floats; "cents" in the
field names), currency ISO 4217. Each product gets a colour for its generated
picture so the calendar UI has something to show, and a short description from
its category for the shop's product page.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    category: str
    price_cents: int
    colour: str
    currency: str = "EUR"


def _limit_name(length: int) -> str:
    """A product name of exactly `length` code points (umlauts: not just ASCII)."""
    return ("Grenzwert-Produkt für Längentests " + "ü" * length)[:length]


PRODUCTS: tuple[Product, ...] = (
    Product("COF-1001", "Espresso Beans Dark Roast 1 kg", "coffee", 1899, "#5b3a29"),
    Product("COF-1002", "Filter Coffee Mild Blend 500 g", "coffee", 849, "#7b4b2a"),
    Product("COF-1003", "Decaf Colombia Whole Bean 250 g", "coffee", 699, "#8d5b3e"),
    Product("COF-1004", "Cold Brew Concentrate 1 l", "coffee", 1199, "#3e2a1e"),
    Product("TEA-2001", "Green Tea Sencha 100 g", "tea", 749, "#5f8f3a"),
    Product("TEA-2002", "Earl Grey Loose Leaf 200 g", "tea", 899, "#4a4e8c"),
    Product("TEA-2003", "Peppermint Herbal Tea 40 bags", "tea", 399, "#3fa37a"),
    Product("TEA-2004", "Matcha Ceremonial Grade 30 g", "tea", 2499, "#7fb841"),
    Product("KIT-3001", "French Press 1 l Stainless Steel", "kitchen", 3499, "#9aa5b1"),
    Product("KIT-3002", "Pour-Over Dripper Ceramic", "kitchen", 2299, "#e4e1da"),
    Product("KIT-3003", "Burr Coffee Grinder Manual", "kitchen", 4999, "#6c6f73"),
    Product("KIT-3004", "Milk Frother Handheld", "kitchen", 1499, "#d0d4d9"),
    Product("KIT-3005", "Electric Kettle Gooseneck 0.8 l", "kitchen", 6999, "#2f3b48"),
    Product("KIT-3006", "Digital Coffee Scale 0.1 g", "kitchen", 2799, "#1f2327"),
    Product("MUG-4001", "Stoneware Mug Ocean Blue 350 ml", "tableware", 1299, "#2b6ca3"),
    Product("MUG-4002", "Double-Wall Glass Cup Set of 2", "tableware", 1999, "#a8d5e2"),
    Product("MUG-4003", "Travel Mug Insulated 450 ml", "tableware", 2499, "#c0392b"),
    Product("MUG-4004", "Espresso Cups Porcelain Set of 4", "tableware", 2999, "#f4f1ea"),
    Product("SNK-5001", "Dark Chocolate 70 % Cocoa 100 g", "snacks", 349, "#4b2e20"),
    Product("SNK-5002", "Almond Biscotti 200 g", "snacks", 499, "#d9b77e"),
    Product("SNK-5003", "Salted Caramel Fudge 150 g", "snacks", 599, "#c68642"),
    Product("SNK-5004", "Oat Cookies with Raisins 250 g", "snacks", 429, "#b68d5a"),
    Product("SYR-6001", "Vanilla Syrup 700 ml", "syrups", 999, "#f3e5ab"),
    Product("SYR-6002", "Hazelnut Syrup 700 ml", "syrups", 999, "#a0703c"),
    Product("SYR-6003", "Caramel Syrup Sugar-Free 700 ml", "syrups", 1099, "#d18b47"),
    Product("GFT-7001", "Coffee Tasting Gift Box", "gifts", 3999, "#8e44ad"),
    Product("GFT-7002", "Tea Advent Calendar 24 Teas", "gifts", 2999, "#c0392b"),
    Product("GFT-7003", "Barista Starter Kit", "gifts", 8999, "#16a085"),
    Product("GFT-7004", "Gift Card 25 EUR", "gifts", 2500, "#f1c40f"),
    Product("ACC-8001", "Reusable Coffee Filters Pack of 3", "accessories", 899, "#95a5a6"),
    Product("ACC-8002", "Descaling Tablets 12 pcs", "accessories", 799, "#ecf0f1"),
    Product("ACC-8003", "Linen Tea Towel Coffee Print", "accessories", 1199, "#bfa588"),
    # The products of the example promotions (examples/*.json), so their links
    # open a product page too; in their own currencies (USD, INR).
    Product("GARDEN-HOSE-25", "Garden hose 25 m", "garden", 3999, "#2e8b57"),
    Product("PRUNER-PRO", "Pruning shears Pro", "garden", 2499, "#556b2f"),
    Product("KETTLE-STEEL", "Stainless steel kettle", "cookware", 5999, "#a9b4bf", "USD"),
    Product("KNIFE-CHEF-20", "Chef's knife 20 cm", "cookware", 8900, "#44505c", "USD"),
    Product("PAN-CAST-28", "Cast-iron pan 28 cm", "cookware", 7450, "#2b2b2b", "USD"),
    Product("DIYA-SET-12", "Clay diya set (12)", "festive", 49900, "#d35400", "INR"),
    Product("LIGHTS-LED-10M", "LED string lights 10 m", "festive", 89900, "#f5b041", "INR"),
    Product("BLANKET-WOOL", "Wool blanket", "home", 8999, "#8e6c4a"),
    Product("SOCKS-ALPACA", "Alpaca socks", "home", 1999, "#c8a27c"),
    Product("TEA-WINTER", "Winter tea blend", "tea", 899, "#a93226"),
    # Names at and one past the longest product name contracts.md allows (200
    # code points): the calendar's and the job's limit tests use these two.
    Product("LIM-0200", _limit_name(200), "limits", 100, "#777777"),
    Product("LIM-0201", _limit_name(201), "limits", 100, "#777777"),
)

# What the shop's product page says about a product (the stand-in has one line per category).
DESCRIPTIONS: dict[str, str] = {
    "coffee": "Roasted in small batches and packed within a day, for a fresh cup every morning.",
    "tea": "Carefully selected leaves and blends, for a calm cup at any time of day.",
    "kitchen": "Sturdy tools for brewing at home, made to last for years of daily use.",
    "tableware": "Cups and mugs that keep your drink the way you like it.",
    "snacks": "Small treats that go well with coffee and tea.",
    "syrups": "Flavour for lattes, cold drinks and desserts.",
    "gifts": "Ready to give: wrapped in a box with a card.",
    "accessories": "The little things that keep your equipment in good shape.",
    "garden": "Durable equipment for gardens and balconies.",
    "cookware": "Cookware for everyday meals and festive dinners alike.",
    "festive": "Lights and decorations for the festive season.",
    "home": "Warm and soft things for cosy evenings at home.",
}

BY_SKU: dict[str, Product] = {product.sku: product for product in PRODUCTS}


def search(query: str | None, limit: int) -> list[Product]:
    """Products whose name, sku or category contains every word of the query (case-insensitive)."""
    words = (query or "").casefold().split()
    found = [
        product
        for product in PRODUCTS
        if all(word in f"{product.name} {product.sku} {product.category}".casefold() for word in words)
    ]
    return found[:limit]

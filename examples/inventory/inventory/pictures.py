"""Generates a simple SVG picture per product, so no binary assets live in the repository."""
from html import escape

from .catalog import Product


def _text_colour(background: str) -> str:
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#1f2327" if (red * 299 + green * 587 + blue * 114) / 1000 > 150 else "#ffffff"


def product_svg(product: Product) -> str:
    """A 320x240 card: the product colour, its category initial and its name (escaped)."""
    foreground = _text_colour(product.colour)
    initial = escape(product.category[:1].upper())
    name = escape(product.name if len(product.name) <= 34 else product.name[:33] + "…")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">'
        f'<rect width="320" height="240" rx="16" fill="{product.colour}"/>'
        f'<circle cx="160" cy="100" r="56" fill="{foreground}" fill-opacity="0.18"/>'
        f'<text x="160" y="122" font-family="sans-serif" font-size="64" text-anchor="middle" fill="{foreground}">{initial}</text>'
        f'<text x="160" y="206" font-family="sans-serif" font-size="16" text-anchor="middle" fill="{foreground}">{name}</text>'
        "</svg>"
    )

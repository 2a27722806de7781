package com.promocalendar.calendar.product;

/** A product as the shop's inventory describes it; prices in integer cents, currency ISO 4217. */
public record InventoryProduct(String sku, String name, long priceCents, String currency, String imageUrl, String url) {
}

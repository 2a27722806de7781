package com.promocalendar.calendar.promotion;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an admin sends on create and update: the promotion JSON without the
 * read-only fields (id, version, status are ignored if present). Products
 * need only {@code sku} (and {@code promoPriceCents} when the package has no
 * {@code discountPercent}); name, prices, currency and links come from the inventory.
 */
record PromotionRequest(
        String title,
        String timeZone,
        String startsAt,
        String endsAt,
        String dailySendTime,
        @JsonProperty("package") PackageRequest promotionPackage) {

    record PackageRequest(String name, Integer discountPercent, String message, List<ProductRequest> products) {
    }

    record ProductRequest(String sku, Long promoPriceCents) {
    }
}

package com.promocalendar.calendar.promotion;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The promotion JSON of contracts.md, field for field: what the engine
 * validates, the change feed carries and the database stores. The schedule
 * fields stay the strings the admin typed; only the engine interprets them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PromotionDocument(
        UUID id,
        long version,
        PromotionStatus status,
        String title,
        String timeZone,
        String startsAt,
        String endsAt,
        String dailySendTime,
        @JsonProperty("package") PackageDocument promotionPackage) {

    PromotionDocument withVersionAndStatus(long newVersion, PromotionStatus newStatus) {
        return new PromotionDocument(id, newVersion, newStatus, title, timeZone, startsAt, endsAt, dailySendTime,
                promotionPackage);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PackageDocument(String name, Integer discountPercent, String message, List<PackageProduct> products) {
    }

    /** A product copied from the inventory at save time, with its promotion price. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PackageProduct(String sku, String name, long priceCents, long promoPriceCents, String currency,
            String imageUrl, String url) {
    }
}

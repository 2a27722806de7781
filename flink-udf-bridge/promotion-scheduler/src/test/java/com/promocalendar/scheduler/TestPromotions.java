package com.promocalendar.scheduler;

import com.promocalendar.scheduler.source.PromotionChange;

/** Promotion JSON (contracts.md) and change-feed entries for the scheduler's tests. */
public final class TestPromotions {

    private TestPromotions() {}

    public static String json(String id, int version, String status, String timeZone, String startsAt, String endsAt,
            String dailySendTime) {
        return """
                {"id":"%s","version":%d,"status":"%s","title":"Summer sale","timeZone":"%s",\
                "startsAt":"%s","endsAt":"%s","dailySendTime":"%s",\
                "package":{"name":"Garden","discountPercent":20,\
                "message":"Hi {{firstName}}, day {{dayNumber}} of {{promotionTitle}}",\
                "products":[{"sku":"SKU-1","name":"Hose","priceCents":2500,"promoPriceCents":2000,"currency":"EUR"}]}}"""
                .formatted(id, version, status, timeZone, startsAt, endsAt, dailySendTime);
    }

    /** Berlin, 2026-07-01 14:00 until 2026-07-08 14:00, daily at {@code sendTime}: eight days. */
    public static String week(int version, String status, String sendTime) {
        return json("p-week", version, status, "Europe/Berlin", "2026-07-01T14:00", "2026-07-08T14:00", sendTime);
    }

    public static PromotionChange change(long cursor, String kind, String promotionJson, String status) {
        String id = promotionJson.replaceFirst("^\\{\"id\":\"([^\"]+)\".*$", "$1");
        return new PromotionChange(Long.toString(cursor), id, kind, promotionJson, status);
    }

    public static PromotionChange published(long cursor, String promotionJson) {
        return change(cursor, "PUBLISHED", promotionJson, "PUBLISHED");
    }

    public static PromotionChange unpublished(long cursor, String promotionJson) {
        return change(cursor, "UNPUBLISHED", promotionJson.replace("\"PUBLISHED\"", "\"UNPUBLISHED\""), "UNPUBLISHED");
    }
}

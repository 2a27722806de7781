package com.promocalendar.engine;

/** Promotion JSON (contracts.md) for tests: a valid package around the schedule fields. */
final class Promotions {

    private Promotions() {}

    static String json(String timeZone, String startsAt, String endsAt, String dailySendTime) {
        return json("p-1", timeZone, startsAt, endsAt, dailySendTime);
    }

    static String json(String id, String timeZone, String startsAt, String endsAt, String dailySendTime) {
        String sendTime = dailySendTime == null ? "" : "\"dailySendTime\": \"" + dailySendTime + "\",";
        return """
                {
                  "id": "%s",
                  "version": 3,
                  "status": "PUBLISHED",
                  "title": "Summer sale",
                  "timeZone": "%s",
                  "startsAt": "%s",
                  "endsAt": "%s",
                  %s
                  "package": {
                    "name": "Garden",
                    "discountPercent": 20,
                    "message": "Hi {{firstName}}, day {{dayNumber}} of {{promotionTitle}}: {{discountPercent}}%% off until {{endsAt}}.",
                    "products": [
                      {"sku": "SKU-1", "name": "Hose", "priceCents": 2500, "promoPriceCents": 2000, "currency": "EUR"}
                    ]
                  }
                }
                """.formatted(id, timeZone, startsAt, endsAt, sendTime);
    }

    /** The worked example of schedule.md. */
    static String workedExample() {
        return json("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", "09:00");
    }
}

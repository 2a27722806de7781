package com.promocalendar.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request bodies as the admin UI sends them. Times are local date-times in
 * Europe/Berlin; tests that must not meet other tests' promotions use a
 * window far in the future that no other test uses.
 */
public final class PromotionJson {

    public static final String ZONE = "Europe/Berlin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PromotionJson() {
    }

    /** A valid promotion over [startsAt, endsAt) selling the given skus at 20 % off. */
    public static ObjectNode promotion(LocalDateTime startsAt, LocalDateTime endsAt, String... skus) {
        ObjectNode promotion = JSON.createObjectNode()
                .put("title", "Test promotion " + UUID.randomUUID())
                .put("timeZone", ZONE)
                .put("startsAt", startsAt.truncatedTo(ChronoUnit.MINUTES).toString())
                .put("endsAt", endsAt.truncatedTo(ChronoUnit.MINUTES).toString());
        ObjectNode pkg = promotion.putObject("package")
                .put("name", "Coffee week")
                .put("discountPercent", 20)
                .put("message", "Hello {{firstName}}, {{promotionTitle}}: {{discountPercent}} % off until {{endsAt}}.");
        ArrayNode products = pkg.putArray("products");
        for (String sku : skus) {
            products.addObject().put("sku", sku);
        }
        return promotion;
    }

    /** Running now: started an hour ago, ends in two days. */
    public static ObjectNode runningNow(String... skus) {
        LocalDateTime now = LocalDateTime.now(ZoneId.of(ZONE));
        return promotion(now.minusHours(1), now.plusDays(2), skus);
    }

    /** Starts tomorrow, runs three days. */
    public static ObjectNode upcoming(String... skus) {
        LocalDateTime tomorrow = LocalDateTime.now(ZoneId.of(ZONE)).plusDays(1);
        return promotion(tomorrow, tomorrow.plusDays(3), skus);
    }

    /**
     * The start of a ten-day window far in the future that no other call returned
     * (the test database is emptied when the test context starts), for tests
     * whose promotions must not meet anybody else's.
     */
    public static LocalDate lonelyWindow() {
        return LocalDate.of(2040, 1, 1).plusDays(10L * WINDOWS.getAndIncrement());
    }

    private static final AtomicInteger WINDOWS = new AtomicInteger();
}

package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.upcoming;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.Tokens;

/** Every bad input answers 4xx problem+json naming the field, and nothing is stored. */
class BadInputIT extends IntegrationTest {

    private Response refusedCreate(int status, Object body, String... fields) {
        long rowsBefore = storedRows();
        Response refused = api().post("/api/promotions", Tokens.admin(), body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.errorFields()).contains(fields);
        assertThat(refused.raw().body()).doesNotContain("Exception").doesNotContain("at com.");
        assertThat(storedRows()).isEqualTo(rowsBefore);
        return refused;
    }

    private static ObjectNode upcomingWith(Consumer<ObjectNode> change) {
        ObjectNode body = upcoming("COF-1001", "TEA-2002");
        change.accept(body);
        return body;
    }

    private static ObjectNode pkg(ObjectNode promotion) {
        return (ObjectNode) promotion.path("package");
    }

    /** The calendar list is bounded: both ends required, at most 400 days apart, inside years 1–9999. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "|from",
            "from=2027-01-01T00:00:00Z|to",
            "to=2027-01-01T00:00:00Z|from",
            "from=2027-01-01T00:00:00Z&to=2028-02-06T00:00:00Z|to",
            "from=2027-01-01T00:00:00Z&to=2027-01-01T00:00:00Z|to",
            "from=2027-01-01T00:00:00Z&to=%2B300000-01-01T00:00:00Z|to",
            "from=-0001-12-01T00:00:00Z&to=0000-01-01T00:00:00Z|from",
            "from=yesterday&to=2027-01-01T00:00:00Z|from"})
    void aListOutsideItsBoundsIs400NamingTheParameter(String query, String field) {
        Response refused = api().get("/api/promotions?" + (query == null ? "" : query), Tokens.admin());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.errorFields()).containsExactly(field);
    }

    @Test
    void aListOfFourHundredDaysIsAnswered() {
        assertThat(api().get("/api/promotions?from=2027-01-01T00:00:00Z&to=2028-02-05T00:00:00Z", Tokens.admin()).status())
                .isEqualTo(200);
    }

    @Test
    void unknownTimeZoneNamesTimeZone() {
        refusedCreate(422, upcomingWith(p -> p.put("timeZone", "Mars/Olympus_Mons")), "timeZone");
    }

    @Test
    void endBeforeStartNamesEndsAt() {
        refusedCreate(422, upcomingWith(p -> p.put("endsAt", "2020-01-01T00:00")), "endsAt");
    }

    @Test
    void unparsableStartNamesStartsAt() {
        refusedCreate(422, upcomingWith(p -> p.put("startsAt", "next Tuesday")), "startsAt");
    }

    @Test
    void unknownPlaceholderNamesTheMessage() {
        refusedCreate(422, upcomingWith(p -> pkg(p).put("message", "Hi {{firstName}}, use code {{couponCode}}")),
                "package.message");
    }

    @Test
    void fiftyOneProductsNamePackageProducts() {
        refusedCreate(422, upcomingWith(p -> {
            ArrayNode products = pkg(p).putArray("products");
            for (int i = 0; i < 51; i++) {
                products.addObject().put("sku", "COF-1001");
            }
        }), "package.products");
    }

    // no products at all is a draft holding a slot: DraftWithoutProductsIT

    @Test
    void oversizeTitleAndMessageNameBothFields() {
        refusedCreate(422, upcomingWith(p -> {
            p.put("title", "T".repeat(121));
            pkg(p).put("message", "M".repeat(2001));
        }), "title", "package.message");
    }

    @Test
    void discountOutOfRangeNamesDiscountPercent() {
        refusedCreate(422, upcomingWith(p -> pkg(p).put("discountPercent", 100)), "package.discountPercent");
    }

    @Test
    void anInventoryProductWhoseNameIsTooLongIsRefusedNamingThatProduct() {
        // The inventory stand-in serves LIM-0201 with a 201-code-point name (contracts.md allows 200).
        refusedCreate(422, upcoming("COF-1001", "LIM-0201"), "package.products[1].name");
        Response longest = api().post("/api/promotions", Tokens.admin(), upcoming("LIM-0200"));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
        api().delete("/api/promotions/" + longest.id(), Tokens.admin(), longest.version());
    }

    @Test
    void unknownSkuNamesTheProductsSku() {
        refusedCreate(422, upcomingWith(p -> ((ObjectNode) pkg(p).path("products").get(1)).put("sku", "NOPE-0000")),
                "package.products[1].sku");
    }

    @Test
    void productAndScheduleErrorsAreReportedTogether() {
        refusedCreate(422, upcomingWith(p -> {
            p.put("timeZone", "Atlantis/Capital");
            ((ObjectNode) pkg(p).path("products").get(0)).put("sku", "NOPE-0001");
        }), "package.products[0].sku", "timeZone");
    }

    @Test
    void missingPackageNamesPackage() {
        refusedCreate(422, upcomingWith(p -> p.remove("package")), "package");
    }

    @Test
    void malformedJsonNamesTheBody() {
        refusedCreate(400, "{\"title\": \"unclosed", "body");
    }

    @Test
    void wrongTypeNamesTheField() {
        refusedCreate(400, upcomingWith(p -> pkg(p).put("discountPercent", "ten")), "package.discountPercent");
    }

    @Test
    void badUpdateChangesNothing() {
        Response created = api().post("/api/promotions", Tokens.admin(), upcoming("COF-1001"));
        assertThat(created.status()).isEqualTo(201);
        long rowsBefore = storedRows();

        Response refused = api().put("/api/promotions/" + created.id(), Tokens.admin(),
                upcomingWith(p -> p.put("timeZone", "Nowhere/Special")), created.version());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("timeZone");
        assertThat(storedRows()).isEqualTo(rowsBefore);
        Response unchanged = api().get("/api/promotions/" + created.id(), Tokens.admin());
        assertThat(unchanged.version()).isEqualTo(1);
        assertThat(unchanged.json().path("timeZone").asText()).isEqualTo("Europe/Berlin");
    }

    @Test
    void malformedIdIs400NamingTheId() {
        Response refused = api().get("/api/promotions/not-a-uuid", Tokens.admin());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("id");
    }
}

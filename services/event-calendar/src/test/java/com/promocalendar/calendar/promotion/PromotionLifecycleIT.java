package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.promotion;
import static com.promocalendar.calendar.PromotionJson.runningNow;
import static com.promocalendar.calendar.PromotionJson.upcoming;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.PromotionJson;
import com.promocalendar.calendar.Tokens;

class PromotionLifecycleIT extends IntegrationTest {

    private static final String PROMOTIONS = "/api/promotions";

    private Response create(ObjectNode body) {
        Response created = api().post(PROMOTIONS, Tokens.admin(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private Response publish(Response promotion) {
        Response published = api().post(PROMOTIONS + "/" + promotion.id() + "/publish", Tokens.admin(), null, promotion.version());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return published;
    }

    @Test
    void createAnswersADraftWithLocationEtagAndProductDetailsFromTheInventory() {
        ObjectNode body = upcoming("TEA-2004", "SNK-5001");
        body.put("status", "PUBLISHED"); // read-only: ignored

        Response created = create(body);

        assertThat(created.json().path("status").asText()).isEqualTo("DRAFT");
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.header("Location")).isEqualTo(PROMOTIONS + "/" + created.id());
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        var matcha = created.json().path("package").path("products").get(0);
        assertThat(matcha.path("name").asText()).isEqualTo("Matcha Ceremonial Grade 30 g");
        assertThat(matcha.path("priceCents").asLong()).isEqualTo(2499);
        assertThat(matcha.path("promoPriceCents").asLong()).isEqualTo(1999); // 20 % off, rounded half up
        assertThat(matcha.path("currency").asText()).isEqualTo("EUR");
        assertThat(matcha.path("imageUrl").asText()).endsWith("/images/TEA-2004.svg");
        assertThat(created.json().path("startsAtInstant").asText()).isNotEmpty();

        Response read = api().get(PROMOTIONS + "/" + created.id(), Tokens.admin());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json().path("title")).isEqualTo(body.path("title"));
    }

    @Test
    void explicitPromoPriceIsKeptAndMissingOneWithoutDiscountNamesTheField() {
        ObjectNode body = upcoming("COF-1002", "COF-1003");
        ((ObjectNode) body.path("package")).remove("discountPercent");
        body.put("title", "No discount " + System.nanoTime());
        ((ObjectNode) body.path("package")).put("message", "Hello {{firstName}}");
        ((ObjectNode) body.path("package").path("products").get(0)).put("promoPriceCents", 700);

        Response refused = api().post(PROMOTIONS, Tokens.admin(), body);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("package.products[1].promoPriceCents");

        ((ObjectNode) body.path("package").path("products").get(1)).put("promoPriceCents", 600);
        Response created = create(body);
        assertThat(created.json().path("package").path("products").get(0).path("promoPriceCents").asLong()).isEqualTo(700);
    }

    @Test
    void staleIfMatchIsRefusedWith412AndMissingIfMatchWith428() {
        Response created = create(upcoming("COF-1001"));
        ObjectNode edit = upcoming("COF-1001");
        Response updated = api().put(PROMOTIONS + "/" + created.id(), Tokens.admin(), edit, 1L);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");

        String path = PROMOTIONS + "/" + created.id();
        assertThat(api().put(path, Tokens.admin(), edit, 1L).status()).isEqualTo(412);
        assertThat(api().post(path + "/publish", Tokens.admin(), null, 1L).status()).isEqualTo(412);
        assertThat(api().delete(path, Tokens.admin(), 1L).status()).isEqualTo(412);
        Response missing = api().put(path, Tokens.admin(), edit, null);
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.errorFields()).containsExactly("If-Match");
        assertThat(api().delete(path, Tokens.admin(), null).status()).isEqualTo(428);
        assertThat(api().get(path, Tokens.admin()).version()).isEqualTo(2);
    }

    @Test
    void publishingAnEndedPromotionIsRefused() {
        LocalDateTime now = LocalDateTime.now(ZoneId.of(PromotionJson.ZONE));
        Response ended = create(promotion(now.minusDays(3), now.minusDays(1), "MUG-4001"));

        Response refused = api().post(PROMOTIONS + "/" + ended.id() + "/publish", Tokens.admin(), null, 1L);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.errorFields()).containsExactly("endsAt");
        assertThat(api().get(PROMOTIONS + "/" + ended.id(), Tokens.admin()).json().path("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void startedPublishedPromotionKeepsItsStartAndItsEndCannotMoveIntoThePastButTextsCanChange() {
        ObjectNode body = runningNow("KIT-3001");
        Response published = publish(create(body));
        String path = PROMOTIONS + "/" + published.id();
        LocalDateTime now = LocalDateTime.now(ZoneId.of(PromotionJson.ZONE)).truncatedTo(ChronoUnit.MINUTES);

        ObjectNode movedStart = body.deepCopy().put("startsAt", now.minusHours(2).toString());
        Response startRefused = api().put(path, Tokens.admin(), movedStart, published.version());
        assertThat(startRefused.status()).isEqualTo(409);
        assertThat(startRefused.errorFields()).containsExactly("startsAt");

        ObjectNode endInThePast = body.deepCopy().put("endsAt", now.minusMinutes(10).toString());
        Response endRefused = api().put(path, Tokens.admin(), endInThePast, published.version());
        assertThat(endRefused.status()).isEqualTo(409);
        assertThat(endRefused.errorFields()).containsExactly("endsAt");

        ObjectNode corrected = body.deepCopy().put("title", "Corrected title " + System.nanoTime())
                .put("endsAt", now.plusDays(5).toString());
        ((ObjectNode) corrected.path("package")).put("message", "Corrected: {{promotionTitle}} for {{firstName}}");
        Response accepted = api().put(path, Tokens.admin(), corrected, published.version());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(accepted.json().path("title")).isEqualTo(corrected.path("title"));
        assertThat(accepted.json().path("package").path("message").asText()).startsWith("Corrected:");
    }

    @Test
    void publishedPromotionCannotBeDeletedUntilUnpublished() {
        Response published = publish(create(upcoming("GFT-7001")));
        String path = PROMOTIONS + "/" + published.id();

        Response refused = api().delete(path, Tokens.admin(), published.version());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorFields()).containsExactly("status");

        Response unpublished = api().post(path + "/unpublish", Tokens.admin(), null, published.version());
        assertThat(unpublished.status()).isEqualTo(200);
        assertThat(unpublished.json().path("status").asText()).isEqualTo("UNPUBLISHED");
        assertThat(api().delete(path, Tokens.admin(), unpublished.version()).status()).isEqualTo(204);
        assertThat(api().get(path, Tokens.admin()).status()).isEqualTo(404);
    }

    @Test
    void publishingTwiceAndUnpublishingADraftAreConflicts() {
        Response draft = create(upcoming("GFT-7002"));
        String path = PROMOTIONS + "/" + draft.id();
        assertThat(api().post(path + "/unpublish", Tokens.admin(), null, 1L).status()).isEqualTo(409);
        Response published = publish(draft);
        assertThat(api().post(path + "/publish", Tokens.admin(), null, published.version()).status()).isEqualTo(409);
    }

    @Test
    void auditTrailRecordsWhoDidWhatAndWhenAlsoAfterDeletion() {
        Response created = create(upcoming("SYR-6001"));
        String path = PROMOTIONS + "/" + created.id();
        Response published = publish(created);
        Response unpublished = api().post(path + "/unpublish", Tokens.admin(), null, published.version());
        assertThat(api().delete(path, Tokens.admin(), unpublished.version()).status()).isEqualTo(204);

        Response audit = api().get(path + "/audit", Tokens.admin());

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json()).hasSize(4);
        assertThat(audit.json().findValuesAsText("action")).containsExactly("CREATED", "PUBLISHED", "UNPUBLISHED", "DELETED");
        assertThat(audit.json().findValuesAsText("actor")).containsOnly("admin");
        assertThat(audit.json().findValuesAsText("version")).containsExactly("1", "2", "3", "3");
        assertThat(audit.json().get(0).path("at").asText()).isNotEmpty();
        assertThat(api().get(PROMOTIONS + "/00000000-0000-4000-8000-000000000000/audit", Tokens.admin()).status()).isEqualTo(404);
    }

    @Test
    void previewShowsTheEnginesOccurrencesAndASampleMessageForTheCallingAdmin() {
        // the worked example of schedule.md
        ObjectNode body = promotion(LocalDateTime.parse("2026-07-01T14:00"), LocalDateTime.parse("2026-07-04T09:00"), "COF-1004")
                .put("dailySendTime", "09:00");
        Response created = create(body);

        Response preview = api().get(PROMOTIONS + "/" + created.id() + "/preview", Tokens.admin());

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("occurrences").findValuesAsText("fireAt"))
                .containsExactly("2026-07-01T12:00:00Z", "2026-07-02T07:00:00Z", "2026-07-03T07:00:00Z");
        assertThat(preview.json().path("occurrences").findValuesAsText("day"))
                .containsExactly("2026-07-01", "2026-07-02", "2026-07-03");
        assertThat(preview.json().path("sampleMessage").path("subject").asText()).isNotBlank();
        assertThat(preview.json().path("sampleMessage").path("body").asText()).startsWith("Hello Ada, ");
    }

    @Test
    void unknownPromotionIs404() {
        String path = PROMOTIONS + "/00000000-0000-4000-8000-000000000000";
        assertThat(api().get(path, Tokens.admin()).status()).isEqualTo(404);
        assertThat(api().put(path, Tokens.admin(), upcoming("COF-1001"), 1L).status()).isEqualTo(404);
        assertThat(api().get(path + "/preview", Tokens.admin()).status()).isEqualTo(404);
        assertThat(api().get("/api/internal/promotions/00000000-0000-4000-8000-000000000000", Tokens.scheduler()).status())
                .isEqualTo(404);
    }
}

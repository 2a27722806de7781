package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.lonelyWindow;
import static com.promocalendar.calendar.PromotionJson.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.Tokens;

/** A draft may hold a slot without products (0–50); publishing needs 1–50 (contracts.md, limits). */
class DraftWithoutProductsIT extends IntegrationTest {

    private static ObjectNode withoutProducts() {
        LocalDateTime start = lonelyWindow().atTime(9, 0);
        return promotion(start, start.plusDays(2));
    }

    @Test
    void aDraftWithoutProductsIsSavedAndUpdatedAndStillCheckedByTheEngine() {
        Response created = api().post("/api/promotions", Tokens.admin(), withoutProducts());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("package").path("products")).isEmpty();
        assertThat(created.json().path("startsAtInstant").asText()).isNotEmpty();
        assertThat(db.sql("select count(*) from promotion_product where promotion_id = cast(? as uuid)")
                .param(created.id()).query(Long.class).single()).isZero();

        Response renamed = api().put("/api/promotions/" + created.id(), Tokens.admin(),
                withoutProducts().put("title", "Slot held"), created.version());
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);

        Response badZone = api().put("/api/promotions/" + created.id(), Tokens.admin(),
                withoutProducts().put("timeZone", "Mars/Base"), renamed.version());
        assertThat(badZone.status()).isEqualTo(422);
        assertThat(badZone.errorFields()).containsExactly("timeZone");
    }

    @Test
    void aDraftWithoutProductsPreviewsItsDaysButNoMessageAndSendsNoTest() {
        Response created = api().post("/api/promotions", Tokens.admin(), withoutProducts());

        Response preview = api().get("/api/promotions/" + created.id() + "/preview", Tokens.admin());

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("occurrences")).hasSize(2);
        assertThat(preview.json().path("start").path("resolution").asText()).isEqualTo("EXACT");
        // the engine's placeholder product is never rendered: there is no message until a product is added
        assertThat(preview.json().path("sampleMessage").isNull()).as(preview.toString()).isTrue();
        assertThat(preview.toString()).doesNotContain("placeholder");

        Response test = api().post("/api/promotions/" + created.id() + "/test-send", Tokens.admin(), null);
        assertThat(test.status()).as(test.toString()).isEqualTo(422);
        assertThat(test.errorFields()).contains("package.products");
    }

    @Test
    void aProductListWithoutAKeyIsAnEmptyOne() {
        ObjectNode body = withoutProducts();
        ((ObjectNode) body.path("package")).remove("products");

        Response created = api().post("/api/promotions", Tokens.admin(), body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("package").path("products")).isEmpty();
    }

    @Test
    void publishingADraftWithoutProductsIs409NamingPackageProductsAndAddingOneLetsItPublish() {
        Response created = api().post("/api/promotions", Tokens.admin(), withoutProducts());
        long changesBefore = lastCursor();

        Response refused = api().post("/api/promotions/" + created.id() + "/publish", Tokens.admin(), null,
                created.version());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.errorFields()).containsExactly("package.products");
        assertThat(api().get("/api/promotions/" + created.id(), Tokens.admin()).json().path("status").asText())
                .isEqualTo("DRAFT");

        ObjectNode withAProduct = withoutProducts();
        ((ObjectNode) withAProduct.path("package")).putArray("products").addObject().put("sku", "MUG-4003");
        Response filled = api().put("/api/promotions/" + created.id(), Tokens.admin(), withAProduct, created.version());
        Response published = api().post("/api/promotions/" + created.id() + "/publish", Tokens.admin(), null,
                filled.version());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(lastCursor()).isGreaterThan(changesBefore);
    }

    @Test
    void aPublishedPromotionCannotLoseItsProducts() {
        ObjectNode body = withoutProducts();
        ((ObjectNode) body.path("package")).putArray("products").addObject().put("sku", "MUG-4003");
        Response created = api().post("/api/promotions", Tokens.admin(), body);
        Response published = api().post("/api/promotions/" + created.id() + "/publish", Tokens.admin(), null,
                created.version());

        Response emptied = api().put("/api/promotions/" + created.id(), Tokens.admin(), withoutProducts(),
                published.version());

        assertThat(emptied.status()).as(emptied.toString()).isEqualTo(422);
        assertThat(emptied.errorFields()).containsExactly("package.products");
    }
}

package com.promocalendar.inbox.delivery;

import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static com.promocalendar.inbox.support.Caller.PROMO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.InboxHttp;
import com.promocalendar.inbox.support.IntegrationTest;

/** The fan-out's batch insert: idempotent, all or nothing, every field checked. */
class MessageDeliveryIT extends IntegrationTest {

    @Test
    void deliveringTheSameBatchTwiceStoresItOnce() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 300);
        messages.addAll(messages(BOB.userId(), 200));

        JsonNode first = deliver(messages).json();
        JsonNode second = deliver(messages).json();

        assertThat(first.path("inserted").asInt()).isEqualTo(500);
        assertThat(first.path("duplicates").asInt()).isZero();
        assertThat(second.path("inserted").asInt()).isZero();
        assertThat(second.path("duplicates").asInt()).isEqualTo(500);
        assertThat(storedMessages()).isEqualTo(500);
    }

    @Test
    void aRetriedBatchWithSomeNewMessagesInsertsOnlyTheNewOnes() {
        List<Map<String, Object>> firstTry = messages(ALICE.userId(), 10);
        deliver(firstTry);
        List<Map<String, Object>> retry = new ArrayList<>(firstTry.subList(5, 10));
        retry.addAll(messages(ALICE.userId(), 3));

        JsonNode result = deliver(retry).json();

        assertThat(result.path("inserted").asInt()).isEqualTo(3);
        assertThat(result.path("duplicates").asInt()).isEqualTo(5);
        assertThat(storedMessages()).isEqualTo(13);
    }

    @Test
    void aKeyRepeatedInsideOneBatchIsADuplicate() {
        Map<String, Object> message = message(ALICE.userId());

        JsonNode result = deliver(List.of(message, message)).json();

        assertThat(result.path("inserted").asInt()).isEqualTo(1);
        assertThat(result.path("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void theDaysProductsAreStoredOnceForAllRecipients() {
        deliver(messages(ALICE.userId(), 100));
        deliver(messages(BOB.userId(), 100));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM product_set", Long.class)).isEqualTo(1);
        JsonNode page = http.get(ALICE, "/api/inbox/messages?limit=1").json();
        assertThat(page.at("/items/0/products/0/sku").asText()).isEqualTo("MUG-1");
        assertThat(page.at("/items/0/products/0/promoPriceCents").asInt()).isEqualTo(900);
    }

    @Test
    void aBatchMayCarryTheDaysProductsOnceForAllItsMessages() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 3);
        Object products = messages.get(0).get("products");
        messages.forEach(message -> message.remove("products"));

        JsonNode result = deliver(Map.of("products", products, "messages", messages)).json();

        assertThat(result.path("inserted").asInt()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM product_set", Long.class)).isEqualTo(1);
        JsonNode page = http.get(ALICE, "/api/inbox/messages?limit=3").json();
        assertThat(page.at("/items").findValuesAsText("sku")).containsExactly("MUG-1", "MUG-1", "MUG-1");
    }

    @Test
    void aMessageWithoutProductsNeedsTheBatchsProducts() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 2);
        messages.get(1).remove("products");

        assertRefused(http.postJson(PROMO_JOB, BATCH, batch(messages)), "messages[1].products");
    }

    @Test
    void aBatchOf1000IsAcceptedAndOneMoreIsRefused() {
        assertThat(deliver(messages(ALICE.userId(), 1000)).json().path("inserted").asInt()).isEqualTo(1000);
        jdbc.execute("TRUNCATE message, product_set");

        InboxHttp.Response response = http.postJson(PROMO_JOB, BATCH, batch(messages(ALICE.userId(), 1001)));

        assertRefused(response, "messages");
    }

    @Test
    void aMissingFieldIsNamedWithItsIndexAndNothingIsStored() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 5);
        messages.get(3).remove("recipientId");

        assertRefused(http.postJson(PROMO_JOB, BATCH, batch(messages)), "messages[3].recipientId");
    }

    @Test
    void aBadMessageAtTheEndOfAFullBatchStoresNothingOfIt() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 1000);
        messages.get(999).put("expiresAt", null);

        assertRefused(http.postJson(PROMO_JOB, BATCH, batch(messages)), "messages[999].expiresAt");
    }

    @Test
    void aOneMegabyteStringIsRefused() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 2);
        messages.get(1).put("body", "x".repeat(1024 * 1024));

        assertRefused(http.postJson(PROMO_JOB, BATCH, batch(messages)), "messages[1].body");
    }

    @Test
    void anUnknownPropertyIsRefusedByName() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 3);
        messages.get(2).put("priority", "high");

        assertRefused(http.postJson(PROMO_JOB, BATCH, batch(messages)), "messages[2].priority");
    }

    @Test
    void aFieldOfTheWrongFormatIsRefusedByName() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 2);
        messages.get(0).put("day", "tomorrow");

        assertRefused(http.postJson(PROMO_JOB, BATCH, batch(messages)), "messages[0].day");
    }

    @Test
    void aProductWithoutAnIsoCurrencyIsRefusedByName() {
        List<Map<String, Object>> messages = messages(ALICE.userId(), 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> product = ((List<Map<String, Object>>) messages.get(0).get("products")).get(0);
        product.put("currency", "euro");

        assertRefused(http.postJson(PROMO_JOB, BATCH, batch(messages)), "messages[0].products[0].currency");
    }

    @Test
    void malformedJsonIsRefused() {
        String truncated = batch(messages(ALICE.userId(), 2));
        truncated = truncated.substring(0, truncated.length() / 2);

        assertRefused(http.postJson(PROMO_JOB, BATCH, truncated), "body");
        assertRefused(http.postJson(PROMO_JOB, BATCH, "{\"messages\": [}"), "body");
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertRefused(http.postJson(PROMO_JOB, BATCH, "{\"messages\": []}"), "messages");
        assertRefused(http.postJson(PROMO_JOB, BATCH, "{}"), "messages");
    }

    private void assertRefused(InboxHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(storedMessages()).as("nothing stored").isZero();
    }
}

package com.promocalendar.inbox.delivery;

import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.ANONYMOUS;
import static com.promocalendar.inbox.support.Caller.BOB;
import static com.promocalendar.inbox.support.Caller.PROMO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.InboxHttp;
import com.promocalendar.inbox.support.IntegrationTest;

/**
 * The fan-out's batch (contracts.md): idempotent, one promotion day per batch,
 * a bad message refused alone while the rest are stored, a bad day field
 * refusing the batch with nothing stored.
 */
class MessageDeliveryIT extends IntegrationTest {

    private static final LocalDate DAY = LocalDate.parse("2026-07-02");
    private static final Instant ENDS = Instant.now().plusSeconds(86_400);

    private static List<String> customers(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(n -> "00000000-0000-4000-8000-%012d".formatted(n))
                .toList();
    }

    private static Map<String, Object> day(List<String> recipients) {
        return dayBatch("summer", DAY, ENDS, recipients);
    }

    @Test
    void deliveringTheSameBatchTwiceStoresItOnce() {
        Map<String, Object> batch = day(customers(0, 500));

        JsonNode first = deliver(batch).json();
        JsonNode second = deliver(batch).json();

        assertThat(first.path("inserted").asInt()).isEqualTo(500);
        assertThat(first.path("duplicates").asInt()).isZero();
        assertThat(second.path("inserted").asInt()).isZero();
        assertThat(second.path("duplicates").asInt()).isEqualTo(500);
        assertThat(second.path("suppressed").asInt()).isZero();
        assertThat(storedMessages()).isEqualTo(500);
    }

    @Test
    void aRetriedBatchWithSomeNewMessagesInsertsOnlyTheNewOnes() {
        deliver(day(customers(0, 10)));

        JsonNode result = deliver(day(customers(5, 8))).json();

        assertThat(result.path("inserted").asInt()).isEqualTo(3);
        assertThat(result.path("duplicates").asInt()).isEqualTo(5);
        assertThat(storedMessages()).isEqualTo(13);
    }

    @Test
    void aKeyRepeatedInsideOneBatchIsADuplicate() {
        JsonNode result = deliver(day(List.of(ALICE.userId(), ALICE.userId()))).json();

        assertThat(result.path("inserted").asInt()).isEqualTo(1);
        assertThat(result.path("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void theDayIsStoredWithEveryMessageAndItsProductsOnce() {
        deliver(day(List.of(ALICE.userId())));
        deliver(day(List.of(BOB.userId())));

        assertThat(jdbc.queryForObject("SELECT count(DISTINCT product_set_id) FROM message", Long.class)).isEqualTo(1);
        JsonNode message = http.get(ALICE, "/api/inbox/messages?limit=1").json().at("/items/0");
        assertThat(message.path("promotionId").asText()).isEqualTo("summer");
        assertThat(message.path("day").asText()).isEqualTo("2026-07-02");
        assertThat(message.path("subject").asText()).isEqualTo("Day 2 of the mug week");
        assertThat(message.at("/products/0/sku").asText()).isEqualTo("MUG-1");
        assertThat(message.at("/products/0/promoPriceCents").asInt()).isEqualTo(900);
        assertThat(jdbc.queryForList("SELECT day_number || '/' || day_count FROM message", String.class))
                .containsOnly("2/5");
    }

    @Test
    void aBodyKeepsEveryCharacterThroughTheCopy() {
        Map<String, Object> batch = day(List.of(ALICE.userId()));
        String body = "Tab\there, line\nbreak, \\N not null, back\\slash, CR\r, 🎉 é ü";
        messagesOf(batch).get(0).put("body", body);

        deliver(batch);

        assertThat(http.get(ALICE, "/api/inbox/messages?limit=1").json().at("/items/0/body").asText())
                .isEqualTo(body);
    }

    @Test
    void aBatchOf1000IsAcceptedAndOneMoreIsRefused() {
        assertThat(deliver(day(customers(0, 1000))).json().path("inserted").asInt()).isEqualTo(1000);
        jdbc.execute("TRUNCATE message");

        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(day(customers(0, 1001)))), "messages");
    }

    @Test
    void aBadMessageIsRefusedAloneAndTheRestAreStored() {
        Map<String, Object> batch = day(customers(0, 6));
        List<Map<String, Object>> messages = messagesOf(batch);
        messages.get(1).remove("recipientId");
        messages.get(2).put("body", "x".repeat(10_001));
        messages.get(3).put("idempotencyKey", "summer/2026-07-01/" + messages.get(3).get("recipientId"));
        messages.get(4).put("body", "bell \u0007");

        double refusedBefore = messagesCounted("refused");
        double insertedBefore = messagesCounted("inserted");

        JsonNode result = postAccepted(batch);

        // the alert on refused messages (deploy/k8s monitoring) reads this counter, without a token
        assertThat(messagesCounted("refused") - refusedBefore).isEqualTo(4);
        assertThat(messagesCounted("inserted") - insertedBefore).isEqualTo(2);
        assertThat(result.path("inserted").asInt()).isEqualTo(2);
        assertThat(result.path("refused").findValuesAsText("field")).containsExactly("messages[1].recipientId",
                "messages[2].body", "messages[3].idempotencyKey", "messages[4].body");
        assertThat(result.path("refused").findValues("index")).extracting(JsonNode::asInt).containsExactly(1, 2, 3, 4);
        assertThat(result.at("/refused/1/message").asText()).contains("10000").contains("10001");
        assertThat(storedMessages()).isEqualTo(2);
    }

    @Test
    void bodyLimitsCountCharactersNotUtf16Units() {
        Map<String, Object> batch = day(customers(0, 2));
        messagesOf(batch).get(0).put("body", "🎉".repeat(10_000)); // 20,000 UTF-16 units, 10,000 characters
        messagesOf(batch).get(1).put("body", "🎉".repeat(10_001));

        JsonNode result = postAccepted(batch);

        assertThat(result.path("inserted").asInt()).isEqualTo(1);
        assertThat(result.path("refused").findValuesAsText("field")).containsExactly("messages[1].body");
    }

    @Test
    void aMessageCarryingTheDaysFieldsInTheCurrentShapeIsRefused() {
        Map<String, Object> batch = day(customers(0, 2));
        messagesOf(batch).get(1).put("promotionId", "winter");

        JsonNode result = postAccepted(batch);

        assertThat(result.path("refused").findValuesAsText("field")).containsExactly("messages[1]");
        assertThat(storedMessages()).isEqualTo(1);
    }

    @Test
    void aBadDayFieldRefusesTheBatchAndStoresNothing() {
        Map<String, Object> badCurrency = day(customers(0, 3));
        @SuppressWarnings("unchecked")
        Map<String, Object> product = ((List<Map<String, Object>>) badCurrency.get("products")).get(0);
        product.put("currency", "euro");
        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(badCurrency)), "products[0].currency");

        Map<String, Object> noDayNumber = day(customers(0, 3));
        noDayNumber.remove("dayNumber");
        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(noDayNumber)), "dayNumber");

        Map<String, Object> dayAfterTheLast = day(customers(0, 3));
        dayAfterTheLast.put("dayNumber", 6);
        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(dayAfterTheLast)), "dayNumber");

        Map<String, Object> longSubject = day(customers(0, 3));
        longSubject.put("subject", "s".repeat(301));
        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(longSubject)), "subject");

        Map<String, Object> noProducts = day(customers(0, 3));
        noProducts.put("products", List.of());
        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(noProducts)), "products");
    }

    @Test
    void anUnknownPropertyIsRefusedByName() {
        Map<String, Object> batch = day(customers(0, 3));
        messagesOf(batch).get(2).put("priority", "high");

        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(batch)), "messages[2].priority");
    }

    @Test
    void aFieldOfTheWrongFormatIsRefusedByName() {
        Map<String, Object> batch = day(customers(0, 2));
        batch.put("day", "tomorrow");

        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(batch)), "day");
    }

    @Test
    void malformedJsonIsRefused() {
        String truncated = batch(day(customers(0, 2)));
        truncated = truncated.substring(0, truncated.length() / 2);

        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, truncated), "body");
        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, "{\"messages\": [}"), "body");
    }

    @Test
    void anEmptyBatchIsRefused() {
        Map<String, Object> empty = day(List.of());
        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, batch(empty)), "messages");
        assertBatchRefused(http.postJson(PROMO_JOB, BATCH, "{}"), "messages");
    }

    @Test
    void aBodyOverFourMegabytesIsRefusedAsTooLarge() {
        Map<String, Object> batch = day(customers(0, 500));
        messagesOf(batch).forEach(message -> message.put("body", "x".repeat(9_000)));

        InboxHttp.Response response = http.postJson(PROMO_JOB, BATCH, batch(batch));

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly("body");
        assertThat(storedMessages()).isZero();
    }

    /** The shape jobs sent before contracts.md's batch: accepted during a rollout. */
    @Test
    void thePreviousShapeIsStillAccepted() {
        Map<String, Object> current = day(customers(0, 3));
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Map<String, Object> message : messagesOf(current)) {
            Map<String, Object> previous = new LinkedHashMap<>(message);
            previous.put("promotionId", "summer");
            previous.put("day", DAY.toString());
            previous.put("subject", current.get("subject"));
            previous.put("expiresAt", current.get("expiresAt"));
            messages.add(previous);
        }
        messages.get(2).put("day", "2026-07-03");

        JsonNode result = postAccepted(Map.of("products", current.get("products"), "messages", messages));

        assertThat(result.path("inserted").asInt()).isEqualTo(2);
        assertThat(result.path("refused").findValuesAsText("field")).containsExactly("messages[2].day");
        assertThat(jdbc.queryForList("SELECT count(*) FROM message WHERE day_number IS NULL", Long.class))
                .containsExactly(2L);
    }

    private JsonNode postAccepted(Map<String, Object> batch) {
        InboxHttp.Response response = http.postJson(PROMO_JOB, BATCH, batch(batch));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** {@code promo_inbox_messages_total{outcome}} as Prometheus scrapes it. */
    private double messagesCounted(String outcome) {
        InboxHttp.Response metrics = http.get(ANONYMOUS, "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        Matcher counter = Pattern.compile("^promo_inbox_messages_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics.body());
        assertThat(counter.find()).as("promo_inbox_messages_total{outcome=%s} in %s", outcome, metrics.body()).isTrue();
        return Double.parseDouble(counter.group(1));
    }

    private void assertBatchRefused(InboxHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(storedMessages()).as("nothing stored").isZero();
    }
}

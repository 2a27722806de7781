package com.promocalendar.calendar.changefeed;

import static com.promocalendar.calendar.PromotionJson.promotion;
import static com.promocalendar.calendar.PromotionJson.upcoming;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.PromotionJson;
import com.promocalendar.calendar.Tokens;

class ChangeFeedIT extends IntegrationTest {

    private static final String FEED = "/api/internal/promotion-changes";

    @Autowired
    private PromotionChangeFeed feed;

    @Autowired
    private TransactionTemplate transaction;

    private Response create() {
        Response created = api().post("/api/promotions", Tokens.admin(), upcoming("COF-1001"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private List<JsonNode> changesAfter(long cursor) {
        Response page = api().get(FEED + "?after=" + cursor + "&limit=1000", Tokens.scheduler());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> changes = new ArrayList<>();
        page.json().forEach(changes::add);
        return changes;
    }

    @Test
    void publishUpdateOfPublishedAndUnpublishAreChangesButDraftEditsAndDraftDeletionAreNot() {
        long start = lastCursor();
        Response draft = create();
        String path = "/api/promotions/" + draft.id();
        Response edited = api().put(path, Tokens.admin(), upcoming("COF-1002"), draft.version());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(changesAfter(start)).as("editing a draft is nobody else's business").isEmpty();

        Response published = api().post(path + "/publish", Tokens.admin(), null, edited.version());
        Response updated = api().put(path, Tokens.admin(), upcoming("COF-1003"), published.version());
        Response unpublished = api().post(path + "/unpublish", Tokens.admin(), null, updated.version());
        Response other = create();
        assertThat(api().delete("/api/promotions/" + other.id(), Tokens.admin(), other.version()).status()).isEqualTo(204);

        List<JsonNode> changes = changesAfter(start);
        assertThat(changes).extracting(change -> change.path("kind").asText())
                .containsExactly("PUBLISHED", "UPDATED", "UNPUBLISHED");
        assertThat(changes).extracting(change -> change.path("promotionId").asText()).containsOnly(draft.id());
        assertThat(changes).extracting(change -> change.path("promotion").path("version").asLong())
                .containsExactly(published.version(), updated.version(), unpublished.version());
        assertThat(changes.get(1).path("promotion").path("package").path("products").get(0).path("sku").asText())
                .isEqualTo("COF-1003");
        assertThat(changes.get(0).path("promotion").has("warnings")).as("exactly the promotion JSON").isFalse();

        Response internal = api().get("/api/internal/promotions/" + draft.id(), Tokens.scheduler());
        assertThat(internal.json().path("status").asText()).isEqualTo("UNPUBLISHED");
        assertThat(internal.json().has("createdAt")).isFalse();
    }

    @Test
    void pagesFollowTheCursorAndBadParametersNameTheField() {
        long start = lastCursor();
        for (int i = 0; i < 3; i++) {
            Response draft = create();
            api().post("/api/promotions/" + draft.id() + "/publish", Tokens.admin(), null, draft.version());
        }
        Response firstPage = api().get(FEED + "?after=" + start + "&limit=2", Tokens.scheduler());
        assertThat(firstPage.json()).hasSize(2);
        long next = firstPage.json().get(1).path("cursor").asLong();
        assertThat(api().get(FEED + "?after=" + next + "&limit=2", Tokens.scheduler()).json()).hasSize(1);

        Response badLimit = api().get(FEED + "?limit=0", Tokens.scheduler());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.errorFields()).containsExactly("limit");
        Response badCursor = api().get(FEED + "?after=abc", Tokens.scheduler());
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.errorFields()).containsExactly("after");
    }

    /**
     * The race a sequence alone would lose: writer A takes its cursor first but
     * commits last; writer B publishes meanwhile. A reader that already moved
     * past B's cursor must still get A's change — so B has to wait for A.
     */
    @Test
    void changeCommittedLateIsNotSkippedByAReaderThatAlreadyMovedOn() throws Exception {
        long start = lastCursor();
        Response late = create();
        Response other = create();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> slowWriter = pool.submit(() -> transaction.executeWithoutResult(tx -> {
                feed.append(UUID.fromString(late.id()), ChangeKind.PUBLISHED, late.json().toString(), 2,
                        java.time.Instant.now().plusSeconds(3600), null);
                appended.countDown();
                await(commit);
            }));
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Response> publish = pool.submit(() -> api().post("/api/promotions/" + other.id() + "/publish",
                    Tokens.admin(), null, other.version()));
            awaitUntil(() -> publish.isDone() || waitingForAdvisoryLock());

            List<JsonNode> seen = new ArrayList<>(changesAfter(start));
            long cursor = seen.isEmpty() ? start : seen.get(seen.size() - 1).path("cursor").asLong();
            commit.countDown();
            slowWriter.get(10, TimeUnit.SECONDS);
            assertThat(publish.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            seen.addAll(changesAfter(cursor));

            assertThat(seen).extracting(change -> change.path("promotionId").asText())
                    .containsExactly(late.id(), other.id());
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    private boolean waitingForAdvisoryLock() {
        return db.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                .query(Long.class).single() > 0;
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(20); // poll interval
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Many admins publish at once while the scheduler reads the feed page by
     * page, moving its cursor forward as it goes: it must see every publish
     * exactly once, in cursor order, never having skipped one that committed late.
     */
    @Test
    void concurrentPublishesReachAConcurrentReaderCompleteAndInOrder() throws Exception {
        int promotions = 48;
        int writers = 8;
        long start = lastCursor();
        LocalDateTime day = PromotionJson.lonelyWindow().atTime(9, 0);
        List<Response> drafts = new ArrayList<>();
        for (int i = 0; i < promotions; i++) {
            Response draft = api().post("/api/promotions", Tokens.admin(), promotion(day, day.plusDays(2), "SYR-6002"));
            assertThat(draft.status()).isEqualTo(201);
            drafts.add(draft);
        }
        Tokens.scheduler();
        Tokens.admin();

        AtomicBoolean writing = new AtomicBoolean(true);
        List<JsonNode> seen = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                long cursor = start;
                boolean lastRound = false;
                while (true) {
                    boolean writersDone = !writing.get();
                    Response page = api().get(FEED + "?after=" + cursor + "&limit=5", Tokens.scheduler());
                    for (JsonNode change : page.json()) {
                        seen.add(change);
                        cursor = change.path("cursor").asLong();
                    }
                    if (page.json().isEmpty()) {
                        if (lastRound) {
                            return;
                        }
                        lastRound = writersDone; // one more empty page after the writers finished
                    }
                }
            }, pool);
            List<CompletableFuture<Integer>> publishes = drafts.stream()
                    .map(draft -> CompletableFuture.supplyAsync(() -> api().post("/api/promotions/" + draft.id() + "/publish",
                            Tokens.admin(), null, draft.version()).status(), pool))
                    .toList();
            for (CompletableFuture<Integer> publish : publishes) {
                assertThat(publish.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Set<String> expected = new HashSet<>(drafts.stream().map(Response::id).toList());
        assertThat(seen).extracting(change -> change.path("promotionId").asText())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen).allSatisfy(change -> assertThat(change.path("kind").asText()).isEqualTo("PUBLISHED"));
        assertThat(seen).extracting(change -> change.path("cursor").asLong()).isSorted().doesNotHaveDuplicates();
    }
}

package com.promocalendar.scheduler.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of {@code GET /api/internal/promotion-changes?after=&limit=} with a
 * {@code calendar-reader} service-account token. Transient failures (I/O, 5xx, 429, and one
 * 401 that makes it fetch a fresh token) are retried with exponential backoff (Failsafe).
 */
public final class ChangeFeedClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChangeFeedSettings settings;
    private final ServiceAccountTokens tokens;
    private final HttpClient http;
    private final FailsafeExecutor<List<PromotionChange>> retries;

    public ChangeFeedClient(ChangeFeedSettings settings, ServiceAccountTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.retries = Failsafe.with(RetryPolicy.<List<PromotionChange>>builder()
                .handle(IOException.class, UncheckedIOException.class)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withMaxRetries(4)
                .build());
    }

    /** The changes after {@code cursor} ({@code null}: from the beginning), oldest first. */
    public List<PromotionChange> changesAfter(String cursor) throws IOException {
        try {
            return retries.get(() -> fetchOnce(cursor));
        } catch (dev.failsafe.FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private List<PromotionChange> fetchOnce(String cursor) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("limit=").append(settings.batchSize());
        if (cursor != null) {
            query.append("&after=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        URI uri = settings.calendarUrl().resolve("/api/internal/promotion-changes?" + query);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Authorization", tokens.authorizationHeader())
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 401) {
            tokens.invalidate();
            throw new IOException("change feed answered 401; fetching a new token");
        }
        if (status == 429 || status >= 500) {
            throw new IOException("change feed answered " + status);
        }
        if (status != 200) {
            // 403 and friends: retrying cannot help; the job's configuration is wrong.
            throw new IllegalStateException("change feed " + uri + " answered " + status + ": " + response.body());
        }
        return parse(response.body());
    }

    /**
     * Accepts the page as a JSON array of changes or as an object carrying them in
     * {@code changes} or {@code items}.
     */
    static List<PromotionChange> parse(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode items = root.isArray() ? root : root.has("changes") ? root.get("changes") : root.path("items");
        List<PromotionChange> changes = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            JsonNode promotion = item.get("promotion");
            boolean hasPromotion = promotion != null && promotion.isObject();
            String promotionId = item.hasNonNull("promotionId")
                    ? item.get("promotionId").asText()
                    : hasPromotion ? promotion.path("id").asText() : null;
            changes.add(new PromotionChange(
                    item.path("cursor").asText(),
                    promotionId,
                    item.path("kind").asText(null),
                    hasPromotion ? JSON.writeValueAsString(promotion) : null,
                    hasPromotion ? promotion.path("status").asText(null) : null));
        }
        return changes;
    }
}

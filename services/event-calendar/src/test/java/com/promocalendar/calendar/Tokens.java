package com.promocalendar.calendar;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real access tokens from Keycloak (realm shop): demo users through the
 * test-only client {@code dev-test-login} (password grant), the scheduler
 * through its own client credentials. Cached for a minute (they live five).
 */
public final class Tokens {

    private static final String KEYCLOAK = System.getenv().getOrDefault("KEYCLOAK_URL", "http://127.0.0.1:8180");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant fetched) {
    }

    private Tokens() {
    }

    /** admin: realm roles admin and customer. */
    public static String admin() {
        return user("admin");
    }

    /** alice: realm role customer only. */
    public static String alice() {
        return user("alice");
    }

    /** The promo-scheduler service account: realm role calendar-reader only. */
    public static String scheduler() {
        return cached("promo-scheduler", () -> fetch(Map.of("grant_type", "client_credentials",
                "client_id", "promo-scheduler", "client_secret", "promo-scheduler-secret")));
    }

    /** The promo-job service account: calendar-reader (and inbox-writer). */
    public static String job() {
        return cached("promo-job", () -> fetch(Map.of("grant_type", "client_credentials",
                "client_id", "promo-job", "client_secret", "promo-job-secret")));
    }

    /** A tests-only client with calendar-reader and this service's audience, allowed by no endpoint (azp). */
    public static String otherClient() {
        return cached("dev-test-other-client", () -> fetch(Map.of("grant_type", "client_credentials",
                "client_id", "dev-test-other-client", "client_secret", "dev-test-other-secret")));
    }

    private static String user(String name) {
        return cached(name, () -> fetch(Map.of("grant_type", "password", "client_id", "dev-test-login",
                "client_secret", "dev-test-secret", "username", name, "password", name)));
    }

    private static String cached(String key, java.util.function.Supplier<String> fetch) {
        Cached hit = CACHE.get(key);
        if (hit == null || hit.fetched().isBefore(Instant.now().minusSeconds(60))) {
            hit = new Cached(fetch.get(), Instant.now());
            CACHE.put(key, hit);
        }
        return hit.token();
    }

    private static String fetch(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/shop/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token: " + response.statusCode() + " " + response.body());
            }
            JsonNode token = JSON.readTree(response.body());
            return token.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + KEYCLOAK, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

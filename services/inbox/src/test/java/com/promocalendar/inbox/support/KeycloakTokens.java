package com.promocalendar.inbox.support;

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
 * Real access tokens from the started Keycloak: the password grant of the
 * tests-only client {@code dev-test-login} for people, client credentials for
 * service accounts. Cached until a minute before they expire.
 */
public final class KeycloakTokens {

    private static final String KEYCLOAK_URL = System.getenv().getOrDefault("KEYCLOAK_URL", "http://127.0.0.1:8180");
    private static final String TOKEN_URL = KEYCLOAK_URL + "/realms/shop/protocol/openid-connect/token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Caller, Token> CACHE = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAfter) {
    }

    private KeycloakTokens() {
    }

    public static String of(Caller caller) {
        if (caller == Caller.ANONYMOUS) {
            return null;
        }
        Token token = CACHE.get(caller);
        if (token == null || Instant.now().isAfter(token.renewAfter())) {
            token = fetch(caller);
            CACHE.put(caller, token);
        }
        return token.value();
    }

    /** A valid token of the wrong issuer: Keycloak's master realm (bootstrap admin kcadmin). */
    public static String masterRealmToken() {
        return post(KEYCLOAK_URL + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "kcadmin", "password", "kcadmin"), "master realm").value();
    }

    private static Token fetch(Caller caller) {
        Map<String, String> form = switch (caller) {
            case ALICE, BOB, ADMIN -> {
                String username = caller.name().toLowerCase();
                yield Map.of("grant_type", "password", "client_id", "dev-test-login",
                        "client_secret", "dev-test-secret", "username", username, "password", username);
            }
            case PROMO_JOB -> Map.of("grant_type", "client_credentials", "client_id", "promo-job",
                    "client_secret", "promo-job-secret");
            case PROMO_SCHEDULER -> Map.of("grant_type", "client_credentials", "client_id", "promo-scheduler",
                    "client_secret", "promo-scheduler-secret");
            case EVENT_CALENDAR -> Map.of("grant_type", "client_credentials", "client_id", "event-calendar",
                    "client_secret", "event-calendar-secret");
            case ACCOUNT_DELETION -> Map.of("grant_type", "client_credentials", "client_id", "shop-account-deletion",
                    "client_secret", "shop-account-deletion-secret");
            case OTHER_CLIENT -> Map.of("grant_type", "client_credentials", "client_id", "dev-test-other-client",
                    "client_secret", "dev-test-other-secret");
            case ANONYMOUS -> throw new IllegalArgumentException("anonymous has no token");
        };
        return post(TOKEN_URL, form, caller.toString());
    }

    private static Token post(String url, Map<String, String> form, String who) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + who + ": "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode token = JSON.readTree(response.body());
            long lifetime = token.path("expires_in").asLong(300);
            return new Token(token.path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(10, lifetime - 60)));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + KEYCLOAK_URL
                    + " (start it: ./dev up, or run_hook keycloak start)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

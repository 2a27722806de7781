package com.promocalendar.scheduler.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change-feed client against a stand-in calendar and token endpoint (JDK HTTP server):
 * bearer token from client credentials, cursor and limit passed on, a 401 fetches a new token.
 * The real calendar and Keycloak are exercised by PromotionSchedulerJobIT.
 */
class ChangeFeedClientTest {

    private HttpServer server;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger rejectNextWith401 = new AtomicInteger();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequestAuthorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/shop/protocol/openid-connect/token", exchange -> {
            tokenRequestAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = "{\"access_token\":\"token-" + tokensIssued.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
            respond(exchange, 200, body);
        });
        server.createContext("/api/internal/promotion-changes", exchange -> {
            queries.add(exchange.getRequestURI().getQuery());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            if (rejectNextWith401.getAndDecrement() > 0) {
                respond(exchange, 401, "");
                return;
            }
            respond(exchange, 200, """
                    [{"cursor": 8, "promotionId": "p-1", "kind": "PUBLISHED",
                      "promotion": {"id": "p-1", "status": "PUBLISHED", "title": "x"}},
                     {"cursor": 9, "promotionId": "p-2", "kind": "DELETED", "promotion": null}]
                    """);
        });
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ChangeFeedClient client() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ChangeFeedSettings settings = new ChangeFeedSettings(base,
                ServiceAccountTokens.keycloakTokenEndpoint(base.toString(), "shop"),
                "promo-scheduler", "promo-scheduler-secret", Duration.ofSeconds(1), 50, null);
        return new ChangeFeedClient(settings, new ServiceAccountTokens(settings.tokenEndpoint(),
                settings.clientId(), settings.clientSecret(), Clock.systemUTC()));
    }

    @Test
    void readsChangesAfterTheCursorWithAServiceAccountToken() throws Exception {
        ChangeFeedClient client = client();
        List<PromotionChange> changes = client.changesAfter("7");
        client.changesAfter("9");

        assertThat(queries).containsExactly("limit=50&after=7", "limit=50&after=9");
        assertThat(authorizations).containsOnly("Bearer token-1");
        assertThat(tokenRequestAuthorizations.get(0)).startsWith("Basic ");
        assertThat(changes).extracting(c -> c.cursor, c -> c.promotionId, PromotionChange::isPublished)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("8", "p-1", true),
                        org.assertj.core.groups.Tuple.tuple("9", "p-2", false));
    }

    @Test
    void aRejectedTokenIsReplacedAndTheRequestRepeated() throws Exception {
        ChangeFeedClient client = client();
        client.changesAfter(null);
        rejectNextWith401.set(1);
        assertThat(client.changesAfter("9")).hasSize(2);
        assertThat(authorizations).containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
        assertThat(queries.get(0)).isEqualTo("limit=50");
    }

    @Test
    void aPageWrappedInAnObjectIsReadToo() throws Exception {
        assertThat(ChangeFeedClient.parse("{\"changes\":[{\"cursor\":\"c1\",\"promotionId\":\"p\",\"kind\":\"UNPUBLISHED\","
                + "\"promotion\":{\"id\":\"p\",\"status\":\"UNPUBLISHED\"}}],\"nextCursor\":\"c1\"}"))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.cursor).isEqualTo("c1");
                    assertThat(change.isPublished()).isFalse();
                });
    }
}

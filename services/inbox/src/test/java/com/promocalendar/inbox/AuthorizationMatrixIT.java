package com.promocalendar.inbox;

import static com.promocalendar.inbox.support.Caller.ACCOUNT_DELETION;
import static com.promocalendar.inbox.support.Caller.ADMIN;
import static com.promocalendar.inbox.support.Caller.EVENT_CALENDAR;
import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.ANONYMOUS;
import static com.promocalendar.inbox.support.Caller.BOB;
import static com.promocalendar.inbox.support.Caller.OTHER_CLIENT;
import static com.promocalendar.inbox.support.Caller.PROMO_JOB;
import static com.promocalendar.inbox.support.Caller.PROMO_SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.promocalendar.inbox.support.Caller;
import com.promocalendar.inbox.support.InboxHttp;
import com.promocalendar.inbox.support.IntegrationTest;
import com.promocalendar.inbox.support.KeycloakTokens;
import com.promocalendar.inbox.support.UnreadCountStream;

/**
 * Every endpoint against every kind of caller, with real Keycloak tokens. Alice
 * owns the one stored message; Bob and the admin are other people (404 on her
 * message, never a 403 that would confirm it exists); the service accounts are
 * not people (403 on the person endpoints); only promo-job may deliver, only
 * event-calendar send promotion states, only the shop's account deletion erase —
 * not another client with the same roles and audience; the scheduler's token is not
 * for this service at all (401). All of it is decided in the filter chain,
 * before the body is read: a customer's malformed or oversized batch is a 403.
 */
class AuthorizationMatrixIT extends IntegrationTest {

    private static final List<Caller> CALLERS = List.of(ANONYMOUS, ALICE, BOB, ADMIN, PROMO_JOB, PROMO_SCHEDULER, OTHER_CLIENT,
            EVENT_CALENDAR, ACCOUNT_DELETION);

    /** endpoint, then the expected status for each caller in the order of CALLERS. */
    private static final List<Object[]> MATRIX = List.of(
            new Object[] {"GET /api/inbox/messages", List.of(401, 200, 200, 200, 403, 401, 403, 403, 403)},
            new Object[] {"GET /api/inbox/messages/{id}", List.of(401, 200, 404, 404, 403, 401, 403, 403, 403)},
            new Object[] {"POST /api/inbox/messages/{id}/read", List.of(401, 204, 404, 404, 403, 401, 403, 403, 403)},
            new Object[] {"POST /api/inbox/read-all", List.of(401, 204, 204, 204, 403, 401, 403, 403, 403)},
            new Object[] {"DELETE /api/inbox/messages/{id}", List.of(401, 204, 404, 404, 403, 401, 403, 403, 403)},
            new Object[] {"GET /api/inbox/unread-count", List.of(401, 200, 200, 200, 403, 401, 403, 403, 403)},
            new Object[] {"GET /api/inbox/unread-count/stream", List.of(401, 200, 200, 200, 403, 401, 403, 403, 403)},
            new Object[] {"POST " + BATCH, List.of(401, 403, 403, 403, 200, 401, 403, 403, 403)},
            new Object[] {"GET /api/inbox/counts", List.of(401, 200, 200, 200, 403, 401, 403, 403, 403)},
            new Object[] {"GET /api/inbox/promotions/{promotion}/messages", List.of(401, 200, 404, 404, 403, 401, 403, 403, 403)},
            new Object[] {"POST /api/inbox/messages/{id}/unread", List.of(401, 204, 404, 404, 403, 401, 403, 403, 403)},
            new Object[] {"POST /api/inbox/messages/{id}/restore", List.of(401, 204, 404, 404, 403, 401, 403, 403, 403)},
            new Object[] {"GET /api/inbox/preferences", List.of(401, 200, 200, 200, 403, 401, 403, 403, 403)},
            new Object[] {"PUT /api/inbox/promotions/{promotion}/mute", List.of(401, 204, 404, 404, 403, 401, 403, 403, 403)},
            // the calendar's own account reaches the body ("{}": 400); another client with its role does not
            new Object[] {"PUT /api/internal/inbox/promotions/{promotion}", List.of(401, 403, 403, 403, 403, 401, 403, 400, 403)},
            new Object[] {"POST /api/internal/inbox/test-messages", List.of(401, 403, 403, 403, 403, 401, 403, 400, 403)},
            new Object[] {"DELETE /api/internal/inbox/recipients/{bob}", List.of(401, 403, 403, 403, 403, 401, 403, 403, 204)},
            new Object[] {"GET /api/inbox/promotion-stats/{promotion}", List.of(401, 403, 403, 200, 403, 401, 403, 403, 403)},
            new Object[] {"GET /v3/api-docs", List.of(401, 403, 403, 200, 403, 401, 403, 403, 403)});

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Object[] row : MATRIX) {
            @SuppressWarnings("unchecked")
            List<Integer> statuses = (List<Integer>) row[1];
            for (int i = 0; i < CALLERS.size(); i++) {
                cases.add(Arguments.of(row[0], CALLERS.get(i), statuses.get(i)));
            }
        }
        return cases.stream();
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        InboxHttp.Response response = http.getWithBearer(KeycloakTokens.masterRealmToken(), "/api/inbox/unread-count");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenWithATamperedSignatureIsRefused() {
        String token = KeycloakTokens.of(ALICE);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(http.getWithBearer(tampered, "/api/inbox/unread-count").status()).isEqualTo(401);
        assertThat(http.getWithBearer(token, "/api/inbox/unread-count").status()).isEqualTo(200);
    }

    /** The role is checked before the body: a customer's broken or huge batch is a 403, the job's a 400 or 413. */
    @Test
    void aBatchBodyIsReadOnlyForTheJobAndCappedAt4Megabytes() {
        String huge = "{\"messages\": [\"" + "x".repeat(4_100_000) + "\"]}";

        assertThat(http.postJson(ALICE, BATCH, "{").status()).isEqualTo(403);
        assertThat(http.postJson(ALICE, BATCH, huge).status()).isEqualTo(403);
        assertThat(http.postJson(PROMO_JOB, BATCH, "{").status()).isEqualTo(400);
        InboxHttp.Response tooLarge = http.postJson(PROMO_JOB, BATCH, huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        assertThat(tooLarge.json().path("errors").path(0).path("field").asText()).isEqualTo("body");
        assertThat(storedMessages()).isZero();
    }

    @Test
    void aBodyOnAPersonEndpointIsCappedToo() {
        assertThat(http.postJson(ALICE, "/api/inbox/read-all", "x".repeat(5_000)).status()).isEqualTo(413);
        assertThat(http.postJson(PROMO_JOB, "/api/inbox/read-all", "x".repeat(5_000)).status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void everyEndpointAnswersEveryCallerAsSpecified(String endpoint, Caller caller, int expected) throws Exception {
        String alicesMessage = deliverOne(message(ALICE.userId()));
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", alicesMessage)
                .replace("{promotion}", jdbc.queryForObject("SELECT promotion_id FROM message WHERE id = ?", String.class,
                        Long.parseLong(alicesMessage)))
                .replace("{bob}", BOB.userId());

        if (path.endsWith("/stream")) {
            try (UnreadCountStream stream = http.openStream(caller)) {
                assertThat(stream.status()).isEqualTo(expected);
                if (expected == 200) {
                    assertThat(stream.contentType()).startsWith("text/event-stream");
                    assertThat(stream.next(Duration.ofSeconds(10))).isEqualTo(caller == ALICE ? 1 : 0);
                }
            }
        } else if (path.startsWith("/v3/api-docs")) {
            InboxHttp.Response response = http.call(caller, method, path);
            assertThat(response.status()).as(response.body()).isEqualTo(expected);
            if (expected == 200) {
                assertThat(response.json().path("paths").has(BATCH)).isTrue();
            }
        } else {
            InboxHttp.Response response = path.equals(BATCH)
                    ? http.postJson(caller, path, batch(message(BOB.userId())))
                    : http.call(caller, method, path);
            assertThat(response.status()).as(response.body()).isEqualTo(expected);
            if (expected >= 400) {
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
            if (endpoint.equals("GET /api/inbox/messages") && expected == 200) {
                assertThat(response.json().path("items")).hasSize(caller == ALICE ? 1 : 0);
            }
        }

        if (caller != ALICE) {
            Map<String, Object> state = jdbc.queryForMap(
                    "SELECT read_at, archived_at FROM message WHERE id = ?", Long.parseLong(alicesMessage));
            assertThat(state.get("read_at")).as("alice's message untouched by " + caller).isNull();
            assertThat(state.get("archived_at")).as("alice's message untouched by " + caller).isNull();
        }
        long expectedRows = path.equals(BATCH) && expected == 200 ? 2 : 1;
        assertThat(storedMessages()).isEqualTo(expectedRows);
    }
}

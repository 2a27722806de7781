package com.promocalendar.calendar;

import static com.promocalendar.calendar.PromotionJson.upcoming;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.promocalendar.calendar.Api.Response;

/**
 * Who may call what: every endpoint with no token, a forged token, a customer
 * (alice), the wrong kind of account, and the right one.
 */
class AuthorizationMatrixIT extends IntegrationTest {

    enum Role { ADMIN, CALENDAR_READER }

    record Endpoint(String method, String path, Role role, int success, boolean needsPublished) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("GET", "/api/promotions?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", Role.ADMIN, 200, false),
                new Endpoint("POST", "/api/promotions", Role.ADMIN, 201, false),
                new Endpoint("GET", "/api/promotions/{id}", Role.ADMIN, 200, false),
                new Endpoint("PUT", "/api/promotions/{id}", Role.ADMIN, 200, false),
                new Endpoint("DELETE", "/api/promotions/{id}", Role.ADMIN, 204, false),
                new Endpoint("POST", "/api/promotions/{id}/publish", Role.ADMIN, 200, false),
                new Endpoint("POST", "/api/promotions/{id}/unpublish", Role.ADMIN, 200, true),
                new Endpoint("GET", "/api/promotions/{id}/preview", Role.ADMIN, 200, false),
                new Endpoint("GET", "/api/promotions/{id}/audit", Role.ADMIN, 200, false),
                new Endpoint("GET", "/api/promotions/search?q=Test%20promotion", Role.ADMIN, 200, false),
                new Endpoint("POST", "/api/promotions/{id}/duplicate", Role.ADMIN, 201, false),
                // the job's POST of a delivery report has its own callers (delivery/DeliveryReportIT)
                new Endpoint("GET", "/api/promotions/{id}/deliveries", Role.ADMIN, 200, false),
                new Endpoint("GET", "/api/products?query=tea", Role.ADMIN, 200, false),
                new Endpoint("GET", "/api/internal/promotion-changes?after=0", Role.CALENDAR_READER, 200, false),
                new Endpoint("GET", "/api/internal/promotions/{id}", Role.CALENDAR_READER, 200, false));
    }

    /** A fresh promotion for the call, so destructive calls have something to act on. */
    private Response target(Endpoint endpoint) {
        Response created = api().post("/api/promotions", Tokens.admin(), upcoming("TEA-2003"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        if (!endpoint.needsPublished()) {
            return created;
        }
        Response published = api().post("/api/promotions/" + created.id() + "/publish", Tokens.admin(), null, created.version());
        assertThat(published.status()).isEqualTo(200);
        return published;
    }

    private Response call(Endpoint endpoint, String token) {
        Response target = target(endpoint);
        String path = endpoint.path().replace("{id}", target.id());
        Object body = endpoint.method().equals("POST") && path.equals("/api/promotions")
                || endpoint.method().equals("PUT") ? upcoming("TEA-2003") : null;
        return api().send(endpoint.method(), path, token, body, target.version());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anonymousCallerIs401(Endpoint endpoint) {
        Response response = call(endpoint, null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void forgedTokenIs401(Endpoint endpoint) {
        String admin = Tokens.admin();
        String forged = admin.substring(0, admin.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        assertThat(call(endpoint, forged).status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void customerIs403(Endpoint endpoint) {
        Response response = call(endpoint, Tokens.alice());
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void otherKindOfAccountIs403(Endpoint endpoint) {
        String wrong = endpoint.role() == Role.ADMIN ? Tokens.scheduler() : Tokens.admin();
        assertThat(call(endpoint, wrong).status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void rightRoleSucceeds(Endpoint endpoint) {
        String right = endpoint.role() == Role.ADMIN ? Tokens.admin() : Tokens.scheduler();
        Response response = call(endpoint, right);
        assertThat(response.status()).as(response.toString()).isEqualTo(endpoint.success());
    }

    static Stream<Endpoint> endpointsWithABody() {
        return endpoints().filter(endpoint -> endpoint.path().equals("/api/promotions") && endpoint.method().equals("POST")
                || endpoint.method().equals("PUT"));
    }

    /** Decided in the filter chain: the role refuses a customer before the body is parsed or its size looked at. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsWithABody")
    void aCustomersMalformedOrOversizedBodyIs403NotParsed(Endpoint endpoint) {
        Response target = target(endpoint);
        String path = endpoint.path().replace("{id}", target.id());
        String huge = "\"" + "x".repeat(2_000_000) + "\"";

        assertThat(api().send(endpoint.method(), path, Tokens.alice(), "{", target.version()).status()).isEqualTo(403);
        assertThat(api().send(endpoint.method(), path, Tokens.alice(), huge, target.version()).status()).isEqualTo(403);
        assertThat(api().send(endpoint.method(), path, Tokens.admin(), "{", target.version()).status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsWithABody")
    void anAdminsBodyOverOneMegabyteIs413NamingBody(Endpoint endpoint) {
        Response target = target(endpoint);
        String path = endpoint.path().replace("{id}", target.id());
        String huge = "{\"title\": \"" + "x".repeat(1_100_000) + "\"}";

        for (Response response : java.util.List.of(
                api().send(endpoint.method(), path, Tokens.admin(), huge, target.version()),
                api().sendStreamed(endpoint.method(), path, Tokens.admin(), huge))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.errorFields()).containsExactly("body");
        }
        assertThat(api().get(path.equals("/api/promotions") ? "/api/promotions/" + target.id() : path, Tokens.admin())
                .json().path("version").asLong()).isEqualTo(target.version());
    }

    @Test
    void aBodyOnAnEndpointThatTakesNoneIsCappedToo() {
        Response target = target(endpoints().findFirst().orElseThrow());
        String path = "/api/promotions/" + target.id() + "/publish";

        assertThat(api().send("POST", path, Tokens.admin(), "x".repeat(5_000), target.version()).status()).isEqualTo(413);
    }

    /** The internal endpoints take only the scheduler's and the job's clients, not any token with the role. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aTokenOfAnotherClientWithTheRoleIs403OnInternalEndpoints(Endpoint endpoint) {
        if (endpoint.role() != Role.CALENDAR_READER) {
            return;
        }
        assertThat(call(endpoint, Tokens.otherClient()).status()).isEqualTo(403);
        assertThat(call(endpoint, Tokens.job()).status()).isEqualTo(200);
    }

    @Test
    void healthNeedsNoTokenAndTheOpenApiDocumentAnAdmin() {
        assertThat(api().get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api().get("/v3/api-docs", null).status()).isEqualTo(401);
        assertThat(api().get("/v3/api-docs", Tokens.alice()).status()).isEqualTo(403);
        Response docs = api().get("/v3/api-docs", Tokens.admin());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/promotions/{id}/publish")).isTrue();
        assertThat(docs.json().path("paths").has("/api/internal/promotion-changes")).isTrue();
    }

    @Test
    void metricsNeedNoTokenForTheShopsPrometheus() {
        api().get("/api/promotions/search?q=tea", Tokens.admin()); // at least one request timed
        Response metrics = api().get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("http_server_requests_seconds_count");
    }

    @Test
    void unknownPathsAreClosed() {
        assertThat(api().get("/actuator/env", Tokens.admin()).status()).isIn(401, 403, 404);
        assertThat(api().get("/actuator/env", null).status()).isIn(401, 403);
    }
}

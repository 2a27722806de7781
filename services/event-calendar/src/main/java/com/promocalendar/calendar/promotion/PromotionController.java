package com.promocalendar.calendar.promotion;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.calendar.problem.ApiException;
import com.promocalendar.calendar.problem.FieldError;

/**
 * Promotions for admins. Every write names the version it was based on in
 * {@code If-Match} (missing: 428; stale: 412); answers carry {@code ETag: "<version>"}.
 */
@RestController
@RequestMapping("/api/promotions")
@PreAuthorize("hasRole('admin')")
class PromotionController {

    private final PromotionService promotions;
    private final TestSend testSend;

    PromotionController(PromotionService promotions, TestSend testSend) {
        this.promotions = promotions;
        this.testSend = testSend;
    }

    /** The widest window one calendar request may ask for (contracts.md). */
    static final Duration MAX_WINDOW = Duration.ofDays(400);
    /** Instants the calendar answers for: years 1 to 9999, well inside what PostgreSQL stores. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    @GetMapping
    List<PromotionView> between(@RequestParam Instant from, @RequestParam Instant to) {
        for (var bound : List.of(Map.entry("from", from), Map.entry("to", to))) {
            if (bound.getValue().isBefore(EARLIEST) || bound.getValue().isAfter(LATEST)) {
                throw ApiException.badRequest(bound.getKey(), "must lie between 0001-01-01 and 9999-12-31");
            }
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.badRequest("to", "must be at most 400 days after from");
        }
        return promotions.between(from, to);
    }

    @PostMapping
    ResponseEntity<PromotionView> create(@RequestBody PromotionRequest request, @AuthenticationPrincipal Jwt token) {
        PromotionView created = promotions.create(request, Actor.of(token));
        return ResponseEntity.created(URI.create("/api/promotions/" + created.promotion().id()))
                .eTag(etag(created)).body(created);
    }

    /**
     * Finds by title (substring, any case) or sku (exact) across all time, newest
     * start first; {@code status} is a stored status or a state in time of a
     * published promotion (SCHEDULED, LIVE, ENDED); pages continue from {@code nextCursor}.
     */
    @GetMapping("/search")
    PromotionSearch.Page search(@RequestParam(required = false) String q,
            @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return promotions.search(PromotionSearch.query(q), PromotionSearch.State.parse(status),
                PromotionSearch.Cursor.decode(cursor), PromotionSearch.limit(limit));
    }

    /** A new draft copied from the promotion: a week later unless the body gives {@code {startsAt, endsAt}}. */
    @PostMapping("/{id}/duplicate")
    ResponseEntity<PromotionView> duplicate(@PathVariable UUID id, @RequestBody(required = false) DuplicateRequest request,
            @AuthenticationPrincipal Jwt token) {
        PromotionView created = promotions.duplicate(id, request, Actor.of(token));
        return ResponseEntity.created(URI.create("/api/promotions/" + created.promotion().id()))
                .eTag(etag(created)).body(created);
    }

    @GetMapping("/{id}")
    ResponseEntity<PromotionView> get(@PathVariable UUID id) {
        PromotionView found = promotions.find(id).orElseThrow(() -> ApiException.notFound("Promotion " + id));
        return ResponseEntity.ok().eTag(etag(found)).body(found);
    }

    @PutMapping("/{id}")
    ResponseEntity<PromotionView> update(@PathVariable UUID id, @RequestBody PromotionRequest request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal Jwt token) {
        PromotionView updated = promotions.update(id, expectedVersion(ifMatch), request, Actor.of(token));
        return ResponseEntity.ok().eTag(etag(updated)).body(updated);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal Jwt token) {
        promotions.delete(id, expectedVersion(ifMatch), Actor.of(token));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/publish")
    ResponseEntity<PromotionView> publish(@PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal Jwt token) {
        PromotionView published = promotions.publish(id, expectedVersion(ifMatch), Actor.of(token));
        return ResponseEntity.ok().eTag(etag(published)).body(published);
    }

    /** The body is optional: {@code {"reason": "…"}} is shown to customers on their withdrawn messages. */
    @PostMapping("/{id}/unpublish")
    ResponseEntity<PromotionView> unpublish(@PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) UnpublishRequest request, @AuthenticationPrincipal Jwt token) {
        String reason = request == null ? null : request.checkedReason();
        PromotionView unpublished = promotions.unpublish(id, expectedVersion(ifMatch), reason, Actor.of(token));
        return ResponseEntity.ok().eTag(etag(unpublished)).body(unpublished);
    }

    /** The message of one day (default the first) into the calling admin's own inbox, marked as a test. */
    @PostMapping("/{id}/test-send")
    TestSend.Result testSend(@PathVariable UUID id, @RequestBody(required = false) TestSendRequest request,
            @AuthenticationPrincipal Jwt token) {
        return testSend.send(id, request == null ? null : request.day(), Actor.of(token));
    }

    /** Occurrences and a sample message (addressed to the calling admin), computed by the engine. */
    @GetMapping("/{id}/preview")
    Preview preview(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return promotions.preview(id, Actor.of(token));
    }

    private static String etag(PromotionView view) {
        return "\"" + view.promotion().version() + "\"";
    }

    /** Accepts {@code 3}, {@code "3"} and {@code W/"3"}. */
    static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(HttpStatus.PRECONDITION_REQUIRED,
                    "Send If-Match with the version you edited.", List.of(new FieldError("If-Match", "is required")));
        }
        String version = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("If-Match", "must be a promotion version such as \"3\"");
        }
    }
}

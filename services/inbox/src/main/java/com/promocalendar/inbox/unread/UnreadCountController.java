package com.promocalendar.inbox.unread;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.promocalendar.inbox.config.Roles;

/** The caller's unread count, once or as a live stream for the badge. */
@RestController
@PreAuthorize(Roles.PERSON)
class UnreadCountController {

    private final UnreadCounts counts;
    private final UnreadCountStreams streams;

    UnreadCountController(UnreadCounts counts, UnreadCountStreams streams) {
        this.counts = counts;
        this.streams = streams;
    }

    @GetMapping("/api/inbox/unread-count")
    UnreadCount unreadCount(@AuthenticationPrincipal Jwt caller) {
        return new UnreadCount(counts.of(caller.getSubject()));
    }

    /**
     * Server-sent events named {@code unread-count} with data {@code {"count": n}}: one
     * on connect, then one whenever the count changes. The stream ends when the
     * access token expires; the client reconnects with a fresh token.
     */
    @GetMapping(path = "/api/inbox/unread-count/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter unreadCountStream(@AuthenticationPrincipal Jwt caller) {
        return streams.open(caller.getSubject(), caller.getExpiresAt());
    }

    /** Full: 503 with Retry-After; the badge keeps its last count and asks again (or polls the count). */
    @ExceptionHandler(UnreadCountStreams.TooManyStreamsException.class)
    ResponseEntity<ProblemDetail> full(UnreadCountStreams.TooManyStreamsException full) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, full.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

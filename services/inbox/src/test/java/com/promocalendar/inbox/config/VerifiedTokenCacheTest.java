package com.promocalendar.inbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();

    /** A stand-in for the real decoder: accepts "good-*" tokens, expiring at NOW + 5 min. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(300)).build();
    };

    @Test
    void aVerifiedTokenIsNotVerifiedAgainWhileCached() {
        VerifiedTokenCache cache = cacheAt(NOW);

        cache.decode("good-1");
        Jwt again = cache.decode("good-1");

        assertThat(again.getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        VerifiedTokenCache cache = cacheAt(NOW);

        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aCachedTokenPastItsExpiryIsVerifiedAgain() {
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, clock, Duration.ofHours(1), 100);
        cache.decode("good-1");

        now[0] = NOW.plusSeconds(301);
        cache.decode("good-1");

        assertThat(verifications).hasValue(2);
    }

    private VerifiedTokenCache cacheAt(Instant instant) {
        return new VerifiedTokenCache(verifier, Clock.fixed(instant, ZoneOffset.UTC), Duration.ofMinutes(1), 100);
    }
}

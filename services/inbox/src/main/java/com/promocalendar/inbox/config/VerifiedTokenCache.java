package com.promocalendar.inbox.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers tokens that passed full validation (signature, issuer, audience,
 * expiry), keyed by the exact token string, for at most a minute: a person's
 * app sends the same access token with every badge request, and the RSA
 * signature check was the largest cost of the unread-count endpoint. A cached
 * token is still refused once it expires.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder decoder, Clock clock, Duration keepFor, long maxTokens) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().expireAfterWrite(keepFor).maximumSize(maxTokens).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt != null && isUnexpired(jwt)) {
            return jwt;
        }
        jwt = decoder.decode(token); // throws for every invalid token, which is never cached
        verified.put(token, jwt);
        return jwt;
    }

    private boolean isUnexpired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }
}

package com.promocalendar.inbox.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenChecksTest {

    private static final String ISSUER = "http://127.0.0.1:8180/realms/shop";
    private final OAuth2TokenValidator<Jwt> checks = SecurityConfig.tokenChecks(ISSUER, List.of("inbox-service"));

    @Test
    void aShopTokenForTheInboxPasses() {
        assertThat(checks.validate(token(ISSUER, List.of("event-calendar", "inbox-service"), 300)).hasErrors())
                .isFalse();
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertThat(checks.validate(token(ISSUER, List.of("event-calendar"), 300)).hasErrors()).isTrue();
        assertThat(checks.validate(token(ISSUER, null, 300)).hasErrors()).isTrue();
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertThat(checks.validate(token("http://127.0.0.1:8180/realms/master", List.of("inbox-service"), 300))
                .hasErrors()).isTrue();
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThat(checks.validate(token(ISSUER, List.of("inbox-service"), -120)).hasErrors()).isTrue();
    }

    private static Jwt token(String issuer, List<String> audiences, long secondsLeft) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").claim("iss", issuer)
                .issuedAt(Instant.now().minusSeconds(600)).expiresAt(Instant.now().plusSeconds(secondsLeft));
        if (audiences != null) {
            token.audience(audiences);
        }
        return token.build();
    }
}

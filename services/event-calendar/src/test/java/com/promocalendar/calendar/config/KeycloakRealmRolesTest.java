package com.promocalendar.calendar.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRealmRolesTest {

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("user-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void realmRolesBecomeRoleAuthorities() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles", List.of("admin", "customer"))));
        assertThat(SecurityConfig.realmRoles(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_admin", "ROLE_customer");
    }

    @Test
    void tokenWithoutRealmRolesHasNoAuthorities() {
        assertThat(SecurityConfig.realmRoles(token(Map.of("scope", "openid")))).isEmpty();
        assertThat(SecurityConfig.realmRoles(token(Map.of("realm_access", Map.of("roles", "admin"))))).isEmpty();
    }

    @Test
    void clientRolesAreNotRealmRoles() {
        Jwt jwt = token(Map.of("resource_access", Map.of("event-calendar", Map.of("roles", List.of("admin")))));
        assertThat(SecurityConfig.realmRoles(jwt)).isEmpty();
    }
}

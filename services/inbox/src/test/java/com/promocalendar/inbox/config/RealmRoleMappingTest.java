package com.promocalendar.inbox.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RealmRoleMappingTest {

    @Test
    void realmRolesBecomeRoleAuthorities() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles", List.of("customer", "inbox-writer"))));

        assertThat(SecurityConfig.realmRoleAuthorities(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_customer", "ROLE_inbox-writer");
    }

    @Test
    void aTokenWithoutRealmRolesHasNoAuthorities() {
        assertThat(SecurityConfig.realmRoleAuthorities(token(Map.of("scope", "email")))).isEmpty();
        assertThat(SecurityConfig.realmRoleAuthorities(token(Map.of("realm_access", "customer")))).isEmpty();
        assertThat(SecurityConfig.realmRoleAuthorities(token(Map.of("realm_access", Map.of("roles", "admin")))))
                .isEmpty();
    }

    @Test
    void clientRolesAreNotRealmRoles() {
        Jwt jwt = token(Map.of("resource_access", Map.of("realm-management", Map.of("roles", List.of("view-users")))));

        assertThat(SecurityConfig.realmRoleAuthorities(jwt)).isEmpty();
    }

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        claims.forEach(builder::claim);
        return builder.build();
    }
}

package com.promocalendar.inbox.config;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;


/**
 * Resource server for Keycloak access tokens (issuer, signature, expiry and the
 * {@code inbox-service} audience are checked by Spring Boot from application.yml).
 * Keycloak realm roles become authorities here and only here.
 *
 * <p>Who may call what is decided in this filter chain, before a controller is
 * chosen and before a byte of the body is read: every path states its role, the
 * internal endpoint also the clients ({@code azp}) allowed to call it, and
 * anything not listed is denied. The controllers' {@code @PreAuthorize} stays as
 * a second layer. Bodies are capped afterwards ({@link RequestBodyLimit}).
 */
@Configuration
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityConfig.Callers.class)
class SecurityConfig {

    /** Which clients may call the internal endpoints: {@code inbox.callers.*} (plan.md, "Who may call what"). */
    @ConfigurationProperties("inbox.callers")
    record Callers(Set<String> messageBatch, Set<String> promotionSync, Set<String> privacy, boolean openApiPublic) {
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Callers callers) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // an SSE stream's async dispatches were authorized when it was opened; error pages render
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health/**").permitAll()
                        // metrics hold no personal data; in Kubernetes only the monitoring namespace may
                        // reach the port (deploy/k8s NetworkPolicies), locally the service binds 127.0.0.1
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs/**")
                                .access(callers.openApiPublic() ? (a, c) -> new AuthorizationDecision(true) : hasRole("admin"))
                        .requestMatchers(HttpMethod.POST, "/api/internal/inbox/messages:batch")
                                .access(allOf(hasRole("inbox-writer"), clientIn(callers.messageBatch())))
                        .requestMatchers(HttpMethod.PUT, "/api/internal/inbox/promotions/*")
                                .access(allOf(hasRole("promotion-sync"), clientIn(callers.promotionSync())))
                        .requestMatchers(HttpMethod.POST, "/api/internal/inbox/test-messages")
                                .access(allOf(hasRole("promotion-sync"), clientIn(callers.promotionSync())))
                        .requestMatchers(HttpMethod.DELETE, "/api/internal/inbox/recipients/*")
                                .access(allOf(hasRole("inbox-privacy"), clientIn(callers.privacy())))
                        .requestMatchers("/api/inbox/**").hasAnyRole("customer", "admin")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(SecurityConfig::unauthorized)
                        .accessDeniedHandler(SecurityConfig::forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(SecurityConfig::unauthorized)
                        .accessDeniedHandler(SecurityConfig::forbidden))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // bearer tokens only, no cookies
        return http.build();
    }

    /** The token was issued to one of {@code clients} (its {@code azp} claim). */
    static AuthorizationManager<RequestAuthorizationContext> clientIn(Set<String> clients) {
        return (authentication, context) -> new AuthorizationDecision(
                authentication.get() instanceof JwtAuthenticationToken token
                        && clients.contains(token.getToken().getClaimAsString("azp")));
    }

    private static final BearerTokenAuthenticationEntryPoint BEARER_CHALLENGE =
            new BearerTokenAuthenticationEntryPoint();

    /**
     * The token check of application.yml (issuer's JWKS, issuer, expiry, audience
     * {@code inbox-service}), behind a short cache of tokens that passed it.
     */
    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).build();
        decoder.setJwtValidator(tokenChecks(jwt.getIssuerUri(), jwt.getAudiences()));
        return new VerifiedTokenCache(decoder, Clock.systemUTC(), Duration.ofMinutes(1), 10_000);
    }

    /** Expiry and not-before (60 s leeway), the issuer, and one of our audiences in {@code aud}. */
    static OAuth2TokenValidator<Jwt> tokenChecks(String issuer, List<String> acceptedAudiences) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audiences -> audiences != null && audiences.stream().anyMatch(acceptedAudiences::contains)));
    }

    /** 403 as problem+json. */
    private static void forbidden(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException denied) throws IOException {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"Your role or client may not call this.\"}");
    }

    /** 401 as problem+json, keeping the bearer challenge header of RFC 6750. */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        BEARER_CHALLENGE.commence(request, response, failure);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"A valid bearer token from Keycloak realm shop is required.\"}");
    }

    /** {@code realm_access.roles: ["customer"]} becomes authority {@code ROLE_customer}. */
    static JwtAuthenticationConverter realmRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfig::realmRoleAuthorities);
        return converter;
    }

    static Collection<GrantedAuthority> realmRoleAuthorities(Jwt jwt) {
        if (!(jwt.getClaim("realm_access") instanceof Map<?, ?> realmAccess)
                || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream()
                .filter(String.class::isInstance)
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}

package com.promocalendar.calendar.config;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * Bearer tokens from Keycloak (realm {@code shop}); issuer, signature, expiry and
 * the {@code event-calendar} audience are checked by the resource server
 * (application.yml).
 *
 * <p>Who may call what is decided in this filter chain, before a controller is
 * chosen and before a byte of the body is read: every path states its role, the
 * internal endpoints also the clients ({@code azp}) allowed to call them, and
 * anything not listed is denied. The controllers' {@code @PreAuthorize} stays as
 * a second layer. Then bodies are capped in bytes ({@link #requestBodyLimit()}).
 */
@Configuration
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityConfig.Callers.class)
class SecurityConfig {

    /** Which clients may call the internal endpoints: {@code calendar.callers.*} (plan.md, "Who may call what"). */
    @ConfigurationProperties("calendar.callers")
    record Callers(Set<String> internal, Set<String> deliveryReporters, boolean openApiPublic) {
    }

    /** Bodies of the endpoints that take none (every one but a promotion's create and update). */
    static final long OTHER_BODY_BYTES = 1024;

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, Callers callers) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) ->
                writeProblem(response, json, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
        AccessDeniedHandler forbidden = (request, response, e) ->
                writeProblem(response, json, HttpStatus.FORBIDDEN, "Your role or client may not call this.");
        return http
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health/**").permitAll()
                        // metrics hold no personal data; in Kubernetes only the monitoring namespace may
                        // reach the port (deploy/k8s NetworkPolicies), locally the service binds 127.0.0.1
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs/**")
                                .access(callers.openApiPublic() ? (a, c) -> new AuthorizationDecision(true) : hasRole("admin"))
                        .requestMatchers(HttpMethod.POST, "/api/internal/promotions/*/deliveries")
                                .access(allOf(hasRole("delivery-reporter"), clientIn(callers.deliveryReporters())))
                        .requestMatchers(HttpMethod.GET, "/api/internal/**")
                                .access(allOf(hasRole("calendar-reader"), clientIn(callers.internal())))
                        .requestMatchers(HttpMethod.GET, "/api/promotions/search").hasRole("admin")
                        .requestMatchers(HttpMethod.POST, "/api/promotions/*/duplicate").hasRole("admin")
                        .requestMatchers("/api/promotions", "/api/promotions/**", "/api/products").hasRole("admin")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(keycloakRealmRoles()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }

    /** The token was issued to one of {@code clients} (its {@code azp} claim). */
    static AuthorizationManager<RequestAuthorizationContext> clientIn(Set<String> clients) {
        return (authentication, context) -> new AuthorizationDecision(
                authentication.get() instanceof JwtAuthenticationToken token
                        && clients.contains(token.getToken().getClaimAsString("azp")));
    }

    /**
     * Right after this chain: a declared {@code Content-Length} over the endpoint's cap
     * is a 413 before anything reads the body — a promotion's create and update at
     * {@link JsonConfig#MAX_DOCUMENT_BYTES}, everything else at {@link #OTHER_BODY_BYTES}.
     * A body without a length is stopped by Jackson at the same size.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyLimit(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI();
                boolean promotionWrite = "POST".equals(request.getMethod()) && path.equals("/api/promotions")
                        || "PUT".equals(request.getMethod()) && path.matches("/api/promotions/[^/]+");
                long limit = promotionWrite ? JsonConfig.MAX_DOCUMENT_BYTES : OTHER_BODY_BYTES;
                if (request.getContentLengthLong() > limit) {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                            "The request body is too large.");
                    problem.setProperty("errors", List.of(Map.of("field", "body", "message", "is larger than " + limit + " bytes")));
                    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), problem);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** The one place where Keycloak realm roles ({@code realm_access.roles}) become authorities: ROLE_admin, … */
    static JwtAuthenticationConverter keycloakRealmRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfig::realmRoles);
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    static Collection<GrantedAuthority> realmRoles(Jwt jwt) {
        if (!(jwt.getClaims().get("realm_access") instanceof Map<?, ?> realmAccess)
                || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream()
                .filter(String.class::isInstance)
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }

    private static void writeProblem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }
}

package com.promocalendar.keycloak.recipients;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.util.JsonSerialization;

/**
 * {@code GET /admin/realms/{realm}/promo-recipients/members?role=&after=&max=}: the enabled
 * human users whose effective realm roles include {@code role}, ordered by id, at most
 * {@code max} of them with an id greater than {@code after}. The caller pages by passing
 * the last id it got as the next {@code after}, until a page is shorter than {@code max}.
 */
public final class RecipientsResource {

    static final int DEFAULT_MAX = 100;
    static final int LARGEST_MAX = 5000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    RecipientsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Path("members")
    @Produces(MediaType.APPLICATION_JSON)
    public Response members(@QueryParam("role") String roleName, @QueryParam("after") String after,
                            @QueryParam("max") String max) {
        // view, not query: the answer names every member, and query-users alone lets Keycloak's
        // own user search show only the users the caller may view one by one
        auth.users().requireView();

        Integer pageSize = pageSize(max);
        if (pageSize == null) {
            return problem(Response.Status.BAD_REQUEST, "max must be a whole number from 1 to " + LARGEST_MAX);
        }
        if (roleName == null || roleName.isBlank()) {
            return problem(Response.Status.BAD_REQUEST, "role is required (the name of a realm role)");
        }
        RoleModel role = realm.getRole(roleName);
        if (role == null) {
            return problem(Response.Status.NOT_FOUND, "realm " + realm.getName() + " has no realm role " + roleName);
        }

        var members = new EffectiveRoleMembers(
                session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm.getId());
        Set<String> roles = members.grantingRoles(role.getId());
        Set<String> groups = members.grantingGroups(roles);
        // every id is greater than "": no `after` starts at the beginning
        List<Recipient> page = members.page(roles, groups, after == null ? "" : after, pageSize);
        return Response.ok(page, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code max} as a number in range, the default when absent, null when malformed. */
    private static Integer pageSize(String max) {
        if (max == null || max.isEmpty()) {
            return DEFAULT_MAX;
        }
        try {
            int value = Integer.parseInt(max);
            return value >= 1 && value <= LARGEST_MAX ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** An RFC 9457 problem, written here so no message body writer has to know the media type. */
    private static Response problem(Response.Status status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        try {
            return Response.status(status)
                    .type("application/problem+json")
                    .entity(JsonSerialization.writeValueAsString(body))
                    .build();
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
    }
}

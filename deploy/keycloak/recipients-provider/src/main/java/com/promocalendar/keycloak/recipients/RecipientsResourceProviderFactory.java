package com.promocalendar.keycloak.recipients;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts {@link RecipientsResource} at {@code /admin/realms/{realm}/promo-recipients}. Keycloak's
 * admin root authenticates the caller (401 without a valid token) before it asks for the
 * resource, and hands over what the caller may do; the resource checks that.
 *
 * <p>Factory and provider in one: the provider keeps no state, so one instance serves all sessions.
 */
public final class RecipientsResourceProviderFactory
        implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider {

    static final String ID = "promo-recipients";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new RecipientsResource(session, realm, auth);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}

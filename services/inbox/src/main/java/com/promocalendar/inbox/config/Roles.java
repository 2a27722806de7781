package com.promocalendar.inbox.config;

/** Who may call what, as {@code @PreAuthorize} expressions over Keycloak realm roles. */
public final class Roles {

    /** People with an inbox: realm role {@code customer} or {@code admin}. Service accounts have neither. */
    public static final String PERSON = "hasAnyRole('customer', 'admin')";

    /** The fan-out job's service account ({@code promo-job}). */
    public static final String INBOX_WRITER = "hasRole('inbox-writer')";

    private Roles() {
    }
}

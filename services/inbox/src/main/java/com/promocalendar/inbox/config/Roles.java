package com.promocalendar.inbox.config;

/** Who may call what, as {@code @PreAuthorize} expressions over Keycloak realm roles. */
public final class Roles {

    /** People with an inbox: realm role {@code customer} or {@code admin}. Service accounts have neither. */
    public static final String PERSON = "hasAnyRole('customer', 'admin')";

    /** The fan-out job's service account ({@code promo-job}). */
    public static final String INBOX_WRITER = "hasRole('inbox-writer')";

    /** The event calendar's own service account: promotion states and admins' test messages. */
    public static final String PROMOTION_SYNC = "hasRole('promotion-sync')";

    /** The shop's account-deletion process: erases one customer's messages. */
    public static final String INBOX_PRIVACY = "hasRole('inbox-privacy')";

    /** Shop admins: aggregate results of a promotion. */
    public static final String ADMIN = "hasRole('admin')";

    private Roles() {
    }
}

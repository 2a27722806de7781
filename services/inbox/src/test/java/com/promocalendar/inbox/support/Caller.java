package com.promocalendar.inbox.support;

/**
 * Who calls in a test, with a real access token from the running Keycloak
 * (realm shop, deploy/keycloak/realm-shop.json).
 */
public enum Caller {
    ANONYMOUS(null),
    /** customer, owner of the test messages */
    ALICE("5b0b7d1e-0000-4000-8000-0000000a11ce"),
    /** another customer */
    BOB("5b0b7d1e-0000-4000-8000-000000000b0b"),
    /** admin + customer: a person, but not the owner */
    ADMIN("5b0b7d1e-0000-4000-8000-00000000ad01"),
    /** service account with inbox-writer */
    PROMO_JOB(null),
    /** service account with calendar-reader only, and a token for the calendar only (no inbox-service audience) */
    PROMO_SCHEDULER(null),
    /** the event-calendar service's account: promotion-sync */
    EVENT_CALENDAR(null),
    /** the shop's account deletion: inbox-privacy */
    ACCOUNT_DELETION(null),
    /** tests-only client with inbox-writer and the inbox audience, but not the job's client (azp) */
    OTHER_CLIENT(null);

    private final String userId;

    Caller(String userId) {
        this.userId = userId;
    }

    /** The Keycloak user id ({@code sub}) of a demo person. */
    public String userId() {
        if (userId == null) {
            throw new IllegalStateException(this + " is not a demo person");
        }
        return userId;
    }
}

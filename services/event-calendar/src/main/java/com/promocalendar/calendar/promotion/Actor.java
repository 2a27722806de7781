package com.promocalendar.calendar.promotion;

import org.springframework.security.oauth2.jwt.Jwt;

/** The signed-in caller, from the access token. */
record Actor(String userId, String username, String firstName) {

    static Actor of(Jwt token) {
        String username = token.getClaimAsString("preferred_username");
        return new Actor(token.getSubject(), username == null ? token.getSubject() : username,
                token.getClaimAsString("given_name"));
    }

    /** How the audit trail names the caller. */
    String name() {
        return username;
    }
}

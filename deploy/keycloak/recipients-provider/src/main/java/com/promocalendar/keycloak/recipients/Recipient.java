package com.promocalendar.keycloak.recipients;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One member, with what the fan-out job needs to address them; a missing name or locale is left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recipient(String id, String username, String firstName, String locale) {
}

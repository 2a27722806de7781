package com.promocalendar.inbox.privacy;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;
import com.promocalendar.inbox.delivery.BatchValidation;
import com.promocalendar.inbox.problem.BadRequestException;

/** The shop's account deletion (role {@code inbox-privacy}): erases everything the inbox holds of one customer. */
@RestController
@PreAuthorize(Roles.INBOX_PRIVACY)
class ErasureController {

    private final Erasure erasure;

    ErasureController(Erasure erasure) {
        this.erasure = erasure;
    }

    /** 204 also when there was nothing to erase: repeating an erasure is safe. */
    @DeleteMapping("/api/internal/inbox/recipients/{recipientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@PathVariable String recipientId) {
        String problem = BatchValidation.limit(recipientId, BatchValidation.MAX_RECIPIENT_ID, true);
        if (problem != null) {
            throw new BadRequestException("recipientId", problem);
        }
        erasure.erase(recipientId);
    }
}

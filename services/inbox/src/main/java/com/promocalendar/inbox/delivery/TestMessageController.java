package com.promocalendar.inbox.delivery;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;
import com.promocalendar.inbox.problem.FieldError;
import com.promocalendar.inbox.problem.InvalidRequestException;

/**
 * The event calendar's door for an admin's test message: checked exactly as a
 * batch of one (the same limits), stored under the test key space, flagged
 * {@code test}, never suppressed (the admin asked for it) and never counted in results.
 */
@RestController
@PreAuthorize(Roles.PROMOTION_SYNC)
class TestMessageController {

    private final BatchValidation validation;
    private final MessageDelivery delivery;

    TestMessageController(BatchValidation validation, MessageDelivery delivery) {
        this.validation = validation;
        this.delivery = delivery;
    }

    /** {@code inserted: 1}, or {@code duplicates: 1} when this version's test of that day was sent before. */
    @PostMapping("/api/internal/inbox/test-messages")
    BatchResult send(@RequestBody TestMessage message) {
        if (message.version() == null || message.version() < 0) {
            throw new InvalidRequestException(List.of(new FieldError("version", "must be a version number (0 or more)")));
        }
        DayBatch checked = validation.check(message.asBatch());
        if (!checked.refused().isEmpty()) {
            BatchResult.Refusal refusal = checked.refused().get(0);
            throw new InvalidRequestException(List.of(new FieldError(
                    refusal.field().replaceFirst("^messages\\[0]\\.", ""), refusal.message())));
        }
        return delivery.deliverTest(checked, message.testKey());
    }
}

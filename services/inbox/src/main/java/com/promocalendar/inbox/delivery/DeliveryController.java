package com.promocalendar.inbox.delivery;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;

/** The fan-out job's door: stores one promotion day's batch of messages. */
@RestController
@PreAuthorize(Roles.INBOX_WRITER)
class DeliveryController {

    private final BatchValidation validation;
    private final MessageDelivery delivery;
    private final DeliveryMetrics metrics;

    DeliveryController(BatchValidation validation, MessageDelivery delivery, DeliveryMetrics metrics) {
        this.validation = validation;
        this.delivery = delivery;
        this.metrics = metrics;
    }

    /**
     * Idempotent on each message's {@code idempotencyKey}: a known key counts as a
     * duplicate. A bad day field refuses the batch (400, nothing stored); a bad
     * message is refused alone and reported in the answer.
     */
    @PostMapping("/api/internal/inbox/messages:batch")
    BatchResult deliver(@RequestBody MessageBatch batch) {
        BatchResult result = delivery.deliver(validation.check(batch));
        metrics.record(result);
        return result;
    }
}

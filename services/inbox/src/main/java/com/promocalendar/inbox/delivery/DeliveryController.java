package com.promocalendar.inbox.delivery;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;

/** The fan-out job's door: stores a batch of messages, all or nothing. */
@RestController
@PreAuthorize(Roles.INBOX_WRITER)
class DeliveryController {

    private final BatchValidation validation;
    private final MessageDelivery delivery;

    DeliveryController(BatchValidation validation, MessageDelivery delivery) {
        this.validation = validation;
        this.delivery = delivery;
    }

    /** Idempotent on each message's {@code idempotencyKey}: a known key counts as a duplicate. */
    @PostMapping("/api/internal/inbox/messages:batch")
    BatchResult deliver(@RequestBody MessageBatch batch) {
        ProductLists productLists = validation.check(batch);
        return delivery.deliver(batch.messages(), productLists);
    }
}

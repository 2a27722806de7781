package com.promocalendar.inbox.delivery;

import jakarta.validation.Valid;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;

/** The fan-out job's door: stores a batch of messages, all or nothing. */
@RestController
@PreAuthorize(Roles.INBOX_WRITER)
class DeliveryController {

    private final MessageDelivery delivery;
    private final ProductListValidation productLists;

    DeliveryController(MessageDelivery delivery, ProductListValidation productLists) {
        this.delivery = delivery;
        this.productLists = productLists;
    }

    /** Idempotent on each message's {@code idempotencyKey}: a known key counts as a duplicate. */
    @PostMapping("/api/internal/inbox/messages:batch")
    BatchResult deliver(@Valid @RequestBody MessageBatch batch) {
        productLists.check(batch.messages());
        return delivery.deliver(batch.messages());
    }
}

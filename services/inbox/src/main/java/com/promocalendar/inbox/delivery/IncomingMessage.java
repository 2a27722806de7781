package com.promocalendar.inbox.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One message of the daily fan-out (contracts.md, "Inbox message"). The limits
 * keep one batch of 1000 far below a few megabytes and every column bounded.
 * The products are not cascaded here: every recipient of a day gets the same
 * list, so {@link ProductListValidation} checks each distinct list once.
 */
public record IncomingMessage(
        @NotBlank @Size(max = 200) String idempotencyKey,
        @NotBlank @Size(max = 255) String recipientId,
        @NotBlank @Size(max = 100) String promotionId,
        @NotNull LocalDate day,
        @NotBlank @Size(max = 300) String subject,
        @NotBlank @Size(max = 10_000) String body,
        @NotEmpty @Size(max = 50) List<Product> products,
        @NotNull Instant expiresAt) {
}

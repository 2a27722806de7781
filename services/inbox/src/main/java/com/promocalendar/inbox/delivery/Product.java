package com.promocalendar.inbox.delivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** One product of the promotion's package, as the fan-out sends it (contracts.md). */
public record Product(
        @NotBlank @Size(max = 100) String sku,
        @NotBlank @Size(max = 200) String name,
        @NotNull @PositiveOrZero Long priceCents,
        @NotNull @PositiveOrZero Long promoPriceCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @Size(max = 2000) String imageUrl,
        @Size(max = 2000) String url) {
}

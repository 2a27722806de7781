package com.promocalendar.inbox.delivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * One product of the promotion's package, as the fan-out sends it (contracts.md). The
 * lengths of contracts.md's limits table count code points, so {@link BatchValidation}
 * checks them (Bean Validation's {@code @Size} counts UTF-16 units).
 */
public record Product(
        @NotBlank String sku,
        @NotBlank String name,
        @NotNull @PositiveOrZero Long priceCents,
        @NotNull @PositiveOrZero Long promoPriceCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        String imageUrl,
        String url) {

    static final int MAX_SKU = 100;
    static final int MAX_NAME = 200;
    static final int MAX_URL = 2000;
}

package com.promocalendar.calendar.promotion;

import java.util.List;
import java.util.UUID;

/**
 * Another promotion (not unpublished) runs at the same time and shares products:
 * customers would see two offers for the same thing. A warning, not an error.
 */
record OverlapWarning(String code, String message, UUID promotionId, String promotionTitle,
        PromotionStatus promotionStatus, List<String> skus) implements PromotionWarning {

    static final String CODE = "OVERLAPPING_PROMOTION";

    static OverlapWarning of(UUID otherId, String otherTitle, PromotionStatus otherStatus, List<String> skus) {
        String message = "Overlaps in time with \"" + otherTitle + "\" (" + otherStatus + ") and shares "
                + String.join(", ", skus) + ".";
        return new OverlapWarning(CODE, message, otherId, otherTitle, otherStatus, skus);
    }
}

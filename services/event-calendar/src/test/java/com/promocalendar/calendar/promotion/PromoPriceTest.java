package com.promocalendar.calendar.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromoPriceTest {

    @Test
    void discountIsRoundedHalfUpToTheCent() {
        assertThat(PromotionService.discounted(2499, 20)).isEqualTo(1999); // 1999.2
        assertThat(PromotionService.discounted(999, 50)).isEqualTo(500);   // 499.5
        assertThat(PromotionService.discounted(1000, 99)).isEqualTo(10);
    }

    @Test
    void noDiscountMeansNoComputedPrice() {
        assertThat(PromotionService.discounted(1000, null)).isNull();
    }
}

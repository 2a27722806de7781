package com.promocalendar.calendar.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import com.promocalendar.calendar.problem.ApiException;

class IfMatchTest {

    @Test
    void acceptsBareQuotedAndWeakVersions() {
        assertThat(PromotionController.expectedVersion("3")).isEqualTo(3);
        assertThat(PromotionController.expectedVersion("\"12\"")).isEqualTo(12);
        assertThat(PromotionController.expectedVersion("W/\"7\"")).isEqualTo(7);
    }

    @Test
    void missingIfMatchIsPreconditionRequired() {
        assertThatThrownBy(() -> PromotionController.expectedVersion(null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED));
        assertThatThrownBy(() -> PromotionController.expectedVersion(" "))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED));
    }

    @Test
    void notAVersionIsABadRequestNamingIfMatch() {
        assertThatThrownBy(() -> PromotionController.expectedVersion("\"abc\""))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.errors()).extracting(error -> error.field()).containsExactly("If-Match");
                });
    }
}

package com.promocalendar.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad promotions become {@link InvalidPromotionException}s that name the field. */
class InvalidPromotionTest {

    private static PromoEngine engine;

    @BeforeAll
    static void createEngine() {
        engine = PromoEngine.create();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void unknownTimeZoneNamesTheTimeZoneField() {
        String promotion = Promotions.json("Mars/Olympus_Mons", "2026-07-01T14:00", "2026-07-04T09:00", "09:00");
        assertThatThrownBy(() -> engine.check(promotion))
                .isInstanceOf(InvalidPromotionException.class)
                .hasMessageContaining("timeZone")
                .extracting(e -> ((InvalidPromotionException) e).errors(), list(FieldError.class))
                .anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo("timeZone");
                    assertThat(error.problem()).isEqualTo("unknown-time-zone");
                    assertThat(error.message()).contains("timeZone");
                });
    }

    @Test
    void endBeforeStartNamesTheEndField() {
        String promotion = Promotions.json("Europe/Berlin", "2026-07-04T09:00", "2026-07-01T14:00", null);
        assertThatThrownBy(() -> engine.check(promotion))
                .isInstanceOf(InvalidPromotionException.class)
                .extracting(e -> ((InvalidPromotionException) e).errors(), list(FieldError.class))
                .anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo("endsAt");
                    assertThat(error.problem()).isEqualTo("not-after-start");
                });
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        String promotion = Promotions.json("Nowhere/City", "2026-13-01T14:00", "2026-07-04T09:00", "25:61");
        assertThatThrownBy(() -> engine.nextFire(promotion, Instant.EPOCH))
                .isInstanceOf(InvalidPromotionException.class)
                .extracting(e -> ((InvalidPromotionException) e).errors(), list(FieldError.class))
                .extracting(FieldError::field)
                .contains("timeZone", "startsAt", "dailySendTime");
    }

    @Test
    void unknownPlaceholderIsNamed() {
        String promotion = Promotions.workedExample().replace("{{dayNumber}}", "{{shoeSize}}");
        assertThatThrownBy(() -> engine.check(promotion))
                .isInstanceOf(InvalidPromotionException.class)
                .extracting(e -> ((InvalidPromotionException) e).errors(), list(FieldError.class))
                .anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo("package.message");
                    assertThat(error.problem()).isEqualTo("unknown-placeholder");
                    assertThat(error.message()).contains("shoeSize");
                });
    }

    @Test
    void textThatIsNotJsonIsRejectedNotCrashed() {
        assertThatThrownBy(() -> engine.check("{not json"))
                .isInstanceOf(InvalidPromotionException.class);
    }

    @Test
    void validPromotionPassesValidation() {
        engine.check(Promotions.workedExample()).close();
    }

    @Test
    void closedPromotionRefusesFurtherCalls() {
        CheckedPromotion schedule = engine.check(Promotions.workedExample());
        schedule.close();
        schedule.close(); // idempotent
        assertThatThrownBy(() -> schedule.nextFire(Instant.EPOCH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}

package com.promocalendar.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import org.junit.jupiter.api.Test;

/** The fan-out through the bridge: one occurrence's inbox messages, as JSON. */
class RenderMessagesTest {

    private static final String RECIPIENTS = """
            [{"userId": "u-1", "username": "alice", "firstName": "Alice"},
             {"userId": "u-2", "username": "bob"}]
            """;

    @Test
    void rendersOneMessagePerRecipientWithItsIdempotencyKey() {
        try (PromoEngine engine = PromoEngine.create()) {
            String messages = engine.renderMessagesJson(Promotions.workedExample(), 1, RECIPIENTS);
            assertThat(messages).startsWith("[")
                    .contains("\"idempotencyKey\":\"p-1/2026-07-02/u-1\"")
                    .contains("\"idempotencyKey\":\"p-1/2026-07-02/u-2\"")
                    .contains("Hi Alice, day 2 of Summer sale")
                    .contains("Hi bob, day 2");
        }
    }

    @Test
    void unknownOccurrenceIndexNamesTheField() {
        try (PromoEngine engine = PromoEngine.create()) {
            assertThatThrownBy(() -> engine.renderMessagesJson(Promotions.workedExample(), 7, RECIPIENTS))
                    .isInstanceOf(InvalidPromotionException.class)
                    .extracting(e -> ((InvalidPromotionException) e).errors(), list(FieldError.class))
                    .extracting(FieldError::field)
                    .contains("occurrence.index");
        }
    }
}

package com.promocalendar.inbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.promocalendar.inbox.problem.FieldError;
import com.promocalendar.inbox.problem.InvalidRequestException;

class BatchValidationTest {

    private static final Product MUG = new Product("MUG-1", "Mug", 1200L, 900L, "EUR", null, null);
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final Instant ENDS = Instant.parse("2026-12-24T00:00:00Z");
    private static final String EMOJI = "\uD83D\uDE00";

    private static ValidatorFactory factory;
    private static BatchValidation validation;

    @BeforeAll
    static void validation() {
        factory = Validation.buildDefaultValidatorFactory();
        validation = new BatchValidation(factory.getValidator());
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aGoodBatchIsAcceptedWhole() {
        List<IncomingMessage> messages = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            messages.add(message("user-" + i));
        }

        DayBatch checked = validation.check(batch(List.of(MUG), messages));

        assertThat(checked.accepted()).hasSize(1000);
        assertThat(checked.refused()).isEmpty();
        assertThat(checked.accepted().get(999).index()).isEqualTo(999);
        assertThat(checked.dayNumber()).isEqualTo(2);
    }

    @Test
    void anEmptyOrOversizeBatchIsRefusedAsMessages() {
        assertThat(fields(batch(List.of(MUG), List.of()))).containsExactly("messages");
        assertThat(fields(batch(List.of(MUG), null))).containsExactly("messages");
        assertThat(fields(batch(List.of(MUG), new ArrayList<>(Collections.nCopies(1001, message("a"))))))
                .containsExactly("messages");
    }

    @Test
    void everyBadDayFieldIsNamed() {
        MessageBatch bad = new MessageBatch(" ", null, 0, 3, "Sub\u0007", null, List.of(MUG), List.of(message("a")));

        assertThat(fields(bad)).containsExactly("day", "dayNumber", "expiresAt", "promotionId", "subject");
    }

    @Test
    void badMessagesAreRefusedOneByOneWithTheirFirstProblem() {
        IncomingMessage noRecipient = new IncomingMessage("promo/2026-12-01/", " ", "Hi");
        IncomingMessage foreignKey = new IncomingMessage("other/2026-12-01/b", "b", "Hi");
        IncomingMessage longBody = new IncomingMessage("promo/2026-12-01/c", "c", EMOJI.repeat(10_001));

        DayBatch checked = validation.check(batch(List.of(MUG),
                Arrays.asList(message("a"), noRecipient, null, foreignKey, longBody)));

        assertThat(checked.accepted()).extracting(DayBatch.Accepted::recipientId).containsExactly("a");
        assertThat(checked.refused()).extracting(BatchResult.Refusal::field).containsExactly(
                "messages[1].recipientId", "messages[2]", "messages[3].idempotencyKey", "messages[4].body");
        assertThat(checked.refused()).extracting(BatchResult.Refusal::index).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theKeyMustBeExactlyPromotionDayAndRecipient() {
        for (String key : List.of("promo/2026-12-01/ab", "promo/2026-12-01/", "promo/2026-12-02/a", "xpromo/2026-12-01/a")) {
            DayBatch checked = validation.check(batch(List.of(MUG), List.of(new IncomingMessage(key, "a", "Hi"))));
            assertThat(checked.refused()).as(key).extracting(BatchResult.Refusal::field)
                    .containsExactly("messages[0].idempotencyKey");
        }
    }

    @Test
    void limitsCountCodePointsAsTheEngineDoes() {
        // 200 emoji are 200 code points but 400 UTF-16 units: the engine accepts them, so must the inbox.
        Product longest = new Product("S".repeat(100), EMOJI.repeat(200), 500L, 400L, "EUR", null, null);
        IncomingMessage body = new IncomingMessage("promo/2026-12-01/a", "a", EMOJI.repeat(10_000));
        assertThat(validation.check(batch(List.of(longest), List.of(body))).accepted()).hasSize(1);

        Product tooLong = new Product("S".repeat(101), EMOJI.repeat(201), 500L, 400L, "EUR", null, null);
        assertThat(fields(batch(List.of(tooLong), List.of(message("a")))))
                .containsExactly("products[0].name", "products[0].sku");
    }

    @Test
    void controlCharactersAreRefusedExceptLineBreaksAndTabsInTheBody() {
        IncomingMessage lines = new IncomingMessage("promo/2026-12-01/a", "a", "Hi,\r\n\tenjoy");
        IncomingMessage bell = new IncomingMessage("promo/2026-12-01/b", "b", "Hi\u0007");
        DayBatch checked = validation.check(batch(List.of(MUG), List.of(lines, bell)));
        assertThat(checked.accepted()).extracting(DayBatch.Accepted::recipientId).containsExactly("a");
        assertThat(checked.refused()).extracting(BatchResult.Refusal::field).containsExactly("messages[1].body");

        Product nul = new Product("TEA-1", "Tea\u0000", 500L, 400L, "EUR", null, null);
        assertThat(fields(batch(List.of(nul), List.of(message("a"))))).containsExactly("products[0].name");
    }

    @Test
    void badOrMissingProductsRefuseTheBatch() {
        Product bad = new Product("TEA-1", " ", 500L, -1L, "eur", null, null);
        assertThat(fields(batch(Arrays.asList(MUG, bad, null), List.of(message("a"))))).containsExactly(
                "products[1].currency", "products[1].name", "products[1].promoPriceCents", "products[2]");
        assertThat(fields(batch(List.of(), List.of(message("a"))))).containsExactly("products");
        assertThat(fields(batch(null, List.of(message("a"))))).containsExactly("products");
    }

    @Test
    void thePreviousShapeTakesTheDayFromItsFirstMessage() {
        IncomingMessage first = previous("a", DAY);
        IncomingMessage otherDay = previous("b", DAY.plusDays(1));
        DayBatch checked = validation.check(new MessageBatch(null, null, null, null, null, null, List.of(MUG),
                List.of(first, otherDay)));

        assertThat(checked.promotionId()).isEqualTo("promo");
        assertThat(checked.dayNumber()).isNull();
        assertThat(checked.accepted()).extracting(DayBatch.Accepted::recipientId).containsExactly("a");
        assertThat(checked.refused()).extracting(BatchResult.Refusal::field).containsExactly("messages[1].day");
    }

    private static List<String> fields(MessageBatch batch) {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> validation.check(batch));
        assertThat(refused).as("refused").isNotNull();
        return refused.errors().stream().map(FieldError::field).toList();
    }

    private static MessageBatch batch(List<Product> products, List<IncomingMessage> messages) {
        return new MessageBatch("promo", DAY, 2, 5, "Subject", ENDS, products, messages);
    }

    private static IncomingMessage message(String recipient) {
        return new IncomingMessage("promo/" + DAY + "/" + recipient, recipient, "Body");
    }

    private static IncomingMessage previous(String recipient, LocalDate day) {
        return new IncomingMessage("promo/" + day + "/" + recipient, recipient, "Body", "promo", day, "Subject", null,
                ENDS);
    }
}

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
    private static final Product TEA = new Product("TEA-1", "Tea", 500L, 400L, "EUR", null, null);

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
    void aDaysBatchSharingOneProductListHasOneDistinctList() {
        List<IncomingMessage> messages = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            messages.add(message("user-" + i, List.of(new Product("MUG-1", "Mug", 1200L, 900L, "EUR", null, null))));
        }

        ProductLists lists = validation.check(new MessageBatch(messages));

        assertThat(lists.distinct()).hasSize(1);
        assertThat(lists.listOf(999)).isZero();
    }

    @Test
    void interleavedListsAreTrackedPerMessage() {
        ProductLists lists = validation.check(new MessageBatch(List.of(
                message("a", List.of(MUG)), message("b", List.of(TEA)), message("c", List.of(MUG)))));

        assertThat(lists.distinct()).containsExactly(List.of(MUG), List.of(TEA));
        assertThat(new int[] {lists.listOf(0), lists.listOf(1), lists.listOf(2)}).containsExactly(0, 1, 0);
    }

    @Test
    void anEmptyOrOversizeBatchIsRefusedAsMessages() {
        assertThat(fields(new MessageBatch(List.of()))).containsExactly("messages");
        assertThat(fields(new MessageBatch(null))).containsExactly("messages");
        assertThat(fields(new MessageBatch(new ArrayList<>(Collections.nCopies(1001, message("a", List.of(MUG)))))))
                .containsExactly("messages");
    }

    @Test
    void everyRefusedFieldIsNamedWithItsMessageIndex() {
        IncomingMessage bad = new IncomingMessage("k", " ", null, null, "s", "x".repeat(10_001), List.of(),
                Instant.now());

        assertThat(fields(new MessageBatch(Arrays.asList(message("a", List.of(MUG)), bad, null))))
                .containsExactly("messages[1].body", "messages[1].day", "messages[1].products",
                        "messages[1].promotionId", "messages[1].recipientId", "messages[2]");
    }

    @Test
    void aBadProductIsNamedByTheFirstMessageCarryingItsList() {
        Product bad = new Product("TEA-1", " ", 500L, -1L, "eur", null, null);

        assertThat(fields(new MessageBatch(List.of(
                message("a", List.of(MUG)), message("b", List.of(MUG, bad)), message("c", List.of(MUG, bad))))))
                .containsExactly("messages[1].products[1].currency", "messages[1].products[1].name",
                        "messages[1].products[1].promoPriceCents");
    }

    @Test
    void limitsCountCodePointsAsTheEngineDoes() {
        // 200 emoji are 200 code points but 400 UTF-16 units: the engine accepts them, so must the inbox.
        String emoji = "\uD83D\uDE00";
        Product longest = new Product("S".repeat(100), emoji.repeat(200), 500L, 400L, "EUR", null, null);
        IncomingMessage body = new IncomingMessage("key-a", "a", "promo", LocalDate.of(2026, 12, 1), "Subject",
                emoji.repeat(10_000), List.of(longest), Instant.parse("2026-12-24T00:00:00Z"));
        assertThat(validation.check(new MessageBatch(List.of(body))).distinct()).hasSize(1);

        Product tooLong = new Product("S".repeat(101), emoji.repeat(201), 500L, 400L, "EUR", null, null);
        assertThat(fields(new MessageBatch(List.of(message("a", List.of(tooLong))))))
                .containsExactly("messages[0].products[0].name", "messages[0].products[0].sku");
    }

    @Test
    void controlCharactersAreRefusedExceptLineBreaksAndTabsInTheBody() {
        Product nul = new Product("TEA-1", "Tea\u0000", 500L, 400L, "EUR", null, null);
        IncomingMessage lines = new IncomingMessage("key-a", "a", "promo", LocalDate.of(2026, 12, 1), "Subject",
                "Hi,\r\n\tenjoy", List.of(MUG), Instant.parse("2026-12-24T00:00:00Z"));
        IncomingMessage bell = new IncomingMessage("key-b", "b", "promo", LocalDate.of(2026, 12, 1), "Sub\u0007",
                "Hi\u0007", List.of(MUG), Instant.parse("2026-12-24T00:00:00Z"));
        assertThat(validation.check(new MessageBatch(List.of(lines))).distinct()).hasSize(1);
        assertThat(fields(new MessageBatch(List.of(message("a", List.of(nul)), bell))))
                .containsExactly("messages[0].products[0].name", "messages[1].body", "messages[1].subject");
    }

    @Test
    void aNullProductIsNamed() {
        assertThat(fields(new MessageBatch(List.of(message("a", Arrays.asList(MUG, null))))))
                .containsExactly("messages[0].products[1]");
    }

    @Test
    void messagesWithoutProductsTakeTheBatchsProductsAsOneList() {
        List<Product> dayProducts = List.of(MUG, TEA);
        ProductLists lists = validation.check(new MessageBatch(dayProducts,
                List.of(message("a", null), message("b", List.of(MUG)), message("c", null))));

        assertThat(lists.distinct()).containsExactly(dayProducts, List.of(MUG));
        assertThat(new int[] {lists.listOf(0), lists.listOf(1), lists.listOf(2)}).containsExactly(0, 1, 0);
    }

    @Test
    void aMessageWithoutProductsInABatchWithoutProductsIsRefused() {
        assertThat(fields(new MessageBatch(List.of(message("a", List.of(MUG)), message("b", null)))))
                .containsExactly("messages[1].products");
    }

    @Test
    void theBatchsProductsAreNamedAsProducts() {
        Product bad = new Product("TEA-1", "Tea", 500L, 400L, "eur", null, null);

        assertThat(fields(new MessageBatch(List.of(MUG, bad), List.of(message("a", null)))))
                .containsExactly("products[1].currency");
        assertThat(fields(new MessageBatch(List.of(), List.of(message("a", null))))).containsExactly("products");
        assertThat(fields(new MessageBatch(List.of(bad), List.of(message("a", List.of(MUG))))))
                .as("checked even when every message has its own")
                .containsExactly("products[0].currency");
    }

    private static List<String> fields(MessageBatch batch) {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> validation.check(batch));
        assertThat(refused).as("refused").isNotNull();
        return refused.errors().stream().map(FieldError::field).toList();
    }

    private static IncomingMessage message(String recipient, List<Product> products) {
        return new IncomingMessage("key-" + recipient, recipient, "promo", LocalDate.of(2026, 12, 1), "Subject",
                "Body", products, Instant.parse("2026-12-24T00:00:00Z"));
    }
}

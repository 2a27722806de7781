package com.promocalendar.inbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.promocalendar.inbox.problem.FieldError;
import com.promocalendar.inbox.problem.InvalidRequestException;

class ProductListValidationTest {

    private static final Product MUG = new Product("MUG-1", "Mug", 1200L, 900L, "EUR", null, null);

    private static ValidatorFactory factory;
    private static ProductListValidation validation;

    @BeforeAll
    static void validation() {
        factory = Validation.buildDefaultValidatorFactory();
        validation = new ProductListValidation(factory.getValidator());
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aBatchSharingOneValidListPasses() {
        List<IncomingMessage> messages = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            messages.add(message("user-" + i, List.of(MUG)));
        }
        assertThatNoException().isThrownBy(() -> validation.check(messages));
    }

    @Test
    void aBadProductIsNamedByTheFirstMessageCarryingItsList() {
        Product bad = new Product("TEA-1", " ", 500L, 400L, "eur", null, null);
        List<IncomingMessage> messages = List.of(
                message("a", List.of(MUG)), message("b", List.of(MUG, bad)), message("c", List.of(MUG, bad)));

        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> validation.check(messages));

        assertThat(refused.errors()).extracting(FieldError::field)
                .containsExactly("messages[1].products[1].currency", "messages[1].products[1].name");
    }

    @Test
    void aNullProductIsNamed() {
        List<IncomingMessage> messages = List.of(message("a", Arrays.asList(MUG, null)));

        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> validation.check(messages));

        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("messages[0].products[1]");
    }

    private static IncomingMessage message(String recipient, List<Product> products) {
        return new IncomingMessage("key-" + recipient, recipient, "promo", LocalDate.of(2026, 12, 1), "Subject",
                "Body", products, Instant.parse("2026-12-24T00:00:00Z"));
    }
}

package com.promocalendar.inbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.validation.ValidatorFactory;

class MessageBatchValidationTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aValidBatchHasNoViolations() {
        assertThat(validator.validate(new MessageBatch(List.of(message("a"))))).isEmpty();
    }

    @Test
    void moreThanAThousandMessagesIsAViolationOfMessages() {
        List<IncomingMessage> messages = new ArrayList<>(Collections.nCopies(1001, message("a")));

        assertThat(paths(new MessageBatch(messages))).containsExactly("messages");
    }

    @Test
    void violationsNameTheMessageByIndex() {
        IncomingMessage bad = new IncomingMessage("k", " ", "promo", LocalDate.now(), "s", "x".repeat(10_001),
                List.of(new Product("sku", "name", 100L, -1L, "EUR", null, null)), Instant.now());

        assertThat(paths(new MessageBatch(List.of(message("a"), bad))))
                .containsExactlyInAnyOrder("messages[1].recipientId", "messages[1].body");
    }

    private static List<String> paths(MessageBatch batch) {
        return validator.validate(batch).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).toList();
    }

    private static IncomingMessage message(String recipient) {
        return new IncomingMessage("key-" + recipient, recipient, "promo", LocalDate.of(2026, 12, 1), "Subject",
                "Body", List.of(new Product("SKU-1", "Mug", 1200L, 900L, "EUR", null, null)),
                Instant.parse("2026-12-24T00:00:00Z"));
    }
}

package com.promocalendar.inbox.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import com.promocalendar.inbox.problem.FieldError;
import com.promocalendar.inbox.problem.InvalidRequestException;

/**
 * Checks a batch before anything is stored, with the limits of contracts.md.
 *
 * <p>A bad day field ({@code promotionId}, {@code day}, {@code products[1].currency} …)
 * or a message count outside 1–1000 refuses the whole batch (400, naming every
 * field). A bad message is refused alone, naming its field
 * ({@code messages[3].body}), and the rest of the batch is stored: one
 * customer's message must never keep a whole day from everyone else.
 *
 * <p>Message fields are checked in code in one pass (Bean Validation cascading
 * into 1000 messages was the largest share of the ingest's CPU in a profile);
 * products keep their Bean Validation constraints.
 */
@Component
public class BatchValidation {

    public static final int MAX_PROMOTION_ID = 100;
    static final int MAX_SUBJECT = 300;
    static final int MAX_PRODUCTS = 50;
    static final int MAX_DAY_COUNT = 10_000;
    static final int MAX_IDEMPOTENCY_KEY = 400;
    public static final int MAX_RECIPIENT_ID = 255;
    static final int MAX_BODY = 10_000;

    private final Validator validator;

    BatchValidation(Validator validator) {
        this.validator = validator;
    }

    /** The checked batch, or {@link InvalidRequestException} naming every refused day field. */
    DayBatch check(MessageBatch batch) {
        List<IncomingMessage> messages = batch.messages();
        if (messages == null || messages.isEmpty() || messages.size() > MessageBatch.MAX_MESSAGES) {
            throw new InvalidRequestException(List.of(new FieldError("messages",
                    "must hold 1 to " + MessageBatch.MAX_MESSAGES + " messages")));
        }
        DayFields day = batch.previousShape() ? DayFields.ofFirstMessage(batch) : DayFields.of(batch);
        List<FieldError> errors = new ArrayList<>();
        checkDay(errors, day, !batch.previousShape());
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidRequestException(errors);
        }
        String keyPrefix = day.promotionId() + "/" + day.day() + "/";
        List<DayBatch.Accepted> accepted = new ArrayList<>(messages.size());
        List<BatchResult.Refusal> refused = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            FieldError problem = problemOf(messages.get(i), i, day, batch.previousShape(), keyPrefix);
            if (problem == null) {
                IncomingMessage message = messages.get(i);
                accepted.add(new DayBatch.Accepted(i, message.idempotencyKey(), message.recipientId(), message.body()));
            } else {
                refused.add(new BatchResult.Refusal(i, problem.field(), problem.message()));
            }
        }
        return new DayBatch(day.promotionId(), day.day(), day.dayNumber(), day.dayCount(), day.subject(),
                day.expiresAt(), day.products(), accepted, refused);
    }

    /** The day's fields and where each is reported. */
    private record DayFields(String promotionId, LocalDate day, Integer dayNumber, Integer dayCount,
            String subject, Instant expiresAt, List<Product> products, String prefix,
            String productsField) {

        static DayFields of(MessageBatch batch) {
            return new DayFields(batch.promotionId(), batch.day(), batch.dayNumber(), batch.dayCount(),
                    batch.subject(), batch.expiresAt(), batch.products(), "", "products");
        }

        /** The previous shape: the first message's fields; its products, else the batch's. */
        static DayFields ofFirstMessage(MessageBatch batch) {
            IncomingMessage first = batch.messages().get(0);
            boolean own = first.products() != null;
            return new DayFields(first.promotionId(), first.day(), null, null, first.subject(), first.expiresAt(),
                    own ? first.products() : batch.products(), "messages[0].",
                    own ? "messages[0].products" : "products");
        }
    }

    private void checkDay(List<FieldError> errors, DayFields day, boolean currentShape) {
        text(errors, day.prefix() + "promotionId", day.promotionId(), MAX_PROMOTION_ID);
        present(errors, day.prefix() + "day", day.day());
        if (currentShape) {
            present(errors, "dayCount", day.dayCount());
            present(errors, "dayNumber", day.dayNumber());
            if (day.dayCount() != null && (day.dayCount() < 1 || day.dayCount() > MAX_DAY_COUNT)) {
                errors.add(new FieldError("dayCount", "must be 1 to " + MAX_DAY_COUNT));
            } else if (day.dayNumber() != null && day.dayCount() != null
                    && (day.dayNumber() < 1 || day.dayNumber() > day.dayCount())) {
                errors.add(new FieldError("dayNumber", "must be 1 to dayCount (" + day.dayCount() + ")"));
            }
        }
        text(errors, day.prefix() + "subject", day.subject(), MAX_SUBJECT);
        present(errors, day.prefix() + "expiresAt", day.expiresAt());
        List<Product> products = day.products();
        if (products == null || products.isEmpty() || products.size() > MAX_PRODUCTS) {
            errors.add(new FieldError(day.productsField(), "must hold 1 to " + MAX_PRODUCTS + " products"));
            return;
        }
        for (int p = 0; p < products.size(); p++) {
            String path = day.productsField() + "[" + p + "]";
            Product product = products.get(p);
            if (product == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            for (ConstraintViolation<Product> violation : validator.validate(product)) {
                errors.add(new FieldError(path + "." + violation.getPropertyPath(), violation.getMessage()));
            }
            add(errors, path + ".sku", limit(product.sku(), Product.MAX_SKU, true));
            add(errors, path + ".name", limit(product.name(), Product.MAX_NAME, true));
            add(errors, path + ".imageUrl", limit(product.imageUrl(), Product.MAX_URL, true));
            add(errors, path + ".url", limit(product.url(), Product.MAX_URL, true));
        }
    }

    /** The first problem of message {@code i}, or null if it may be stored. */
    private static FieldError problemOf(IncomingMessage message, int i, DayFields day, boolean previousShape,
            String keyPrefix) {
        String path = "messages[" + i + "]";
        if (message == null) {
            return new FieldError(path, "must not be null");
        }
        FieldError problem = firstOf(
                required(path + ".idempotencyKey", message.idempotencyKey(), MAX_IDEMPOTENCY_KEY, true),
                required(path + ".recipientId", message.recipientId(), MAX_RECIPIENT_ID, true),
                required(path + ".body", message.body(), MAX_BODY, false));
        if (problem != null) {
            return problem;
        }
        if (previousShape) {
            problem = sameAsFirst(path, message, day);
        } else if (message.carriesDayFields()) {
            problem = new FieldError(path, "must hold only idempotencyKey, recipientId and body: the batch's "
                    + "promotionId, day, subject, products and expiresAt apply");
        }
        if (problem != null) {
            return problem;
        }
        String key = message.idempotencyKey();
        if (!key.startsWith(keyPrefix) || key.length() != keyPrefix.length() + message.recipientId().length()
                || !key.endsWith(message.recipientId())) {
            return new FieldError(path + ".idempotencyKey", "must be {promotionId}/{day}/{recipientId}: "
                    + keyPrefix + message.recipientId());
        }
        return null;
    }

    /** The previous shape: a message's own day fields must be the batch's (its first message's). */
    private static FieldError sameAsFirst(String path, IncomingMessage message, DayFields day) {
        if (!Objects.equals(message.promotionId(), day.promotionId())) {
            return new FieldError(path + ".promotionId", "must be the batch's promotionId, " + day.promotionId());
        }
        if (!Objects.equals(message.day(), day.day())) {
            return new FieldError(path + ".day", "must be the batch's day, " + day.day());
        }
        if (!Objects.equals(message.subject(), day.subject())) {
            return new FieldError(path + ".subject", "must be the batch's subject");
        }
        if (!Objects.equals(message.expiresAt(), day.expiresAt())) {
            return new FieldError(path + ".expiresAt", "must be the batch's expiresAt, " + day.expiresAt());
        }
        if (message.products() != null && !message.products().equals(day.products())) {
            return new FieldError(path + ".products", "must be the batch's products");
        }
        return null;
    }

    private static FieldError firstOf(FieldError... problems) {
        for (FieldError problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static void text(List<FieldError> errors, String field, String value, int maxCodePoints) {
        add(errors, field, value == null || value.isBlank() ? "must not be blank" : limit(value, maxCodePoints, true));
    }

    private static FieldError required(String field, String value, int maxCodePoints, boolean singleLine) {
        String problem = value == null || value.isBlank() ? "must not be blank"
                : limit(value, maxCodePoints, singleLine);
        return problem == null ? null : new FieldError(field, problem);
    }

    private static void present(List<FieldError> errors, String field, Object value) {
        add(errors, field, value == null ? "must not be null" : null);
    }

    private static void add(List<FieldError> errors, String field, String problem) {
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
    }

    /**
     * The limits of contracts.md as the engine applies them: lengths in code points
     * ({@code codePointCount}, not {@code length()}), and no control characters in a
     * single-line text ({@code \n}, {@code \r}, {@code \t} are allowed in a body).
     * Null when {@code value} (possibly null: optional) is within them.
     */
    public static String limit(String value, int maxCodePoints, boolean singleLine) {
        if (value == null) {
            return null;
        }
        // one pass over the text: code points (a surrogate pair is one) and control characters
        int length = value.length();
        int codePoints = length;
        boolean control = false;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                codePoints--;
                i++;
            } else if (Character.isISOControl(c) && (singleLine || (c != '\n' && c != '\r' && c != '\t'))) {
                control = true;
            }
        }
        if (codePoints > maxCodePoints) {
            return "must be at most " + maxCodePoints + " characters, got " + codePoints;
        }
        return control ? "must not contain control characters" : null;
    }
}

package com.promocalendar.inbox.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import com.promocalendar.inbox.problem.FieldError;
import com.promocalendar.inbox.problem.InvalidRequestException;

/**
 * Checks a whole batch before anything is stored and names every refused field
 * ({@code messages[3].recipientId}, {@code messages[0].products[1].currency}).
 *
 * <p>The message fields are checked in code, in one pass: with Bean Validation
 * cascading into 1000 messages, validation was the largest share of the ingest's
 * CPU time in a profile. Products keep their Bean Validation constraints and are
 * validated once per distinct list. A message without {@code products} takes the
 * batch's {@code products}; one that has neither is refused.
 */
@Component
class BatchValidation {

    private static final String PRODUCT_COUNT = "must hold 1 to " + IncomingMessage.MAX_PRODUCTS + " products";

    private final Validator validator;

    BatchValidation(Validator validator) {
        this.validator = validator;
    }

    /** The batch's distinct product lists, or {@link InvalidRequestException} naming every refused field. */
    ProductLists check(MessageBatch batch) {
        List<IncomingMessage> messages = batch.messages();
        if (messages == null || messages.isEmpty() || messages.size() > MessageBatch.MAX_MESSAGES) {
            throw new InvalidRequestException(List.of(new FieldError("messages",
                    "must hold 1 to " + MessageBatch.MAX_MESSAGES + " messages")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Product> batchProducts = batch.products();
        if (batchProducts != null && !productCountAllowed(batchProducts)) {
            errors.add(new FieldError("products", PRODUCT_COUNT));
            batchProducts = null; // reported once here, not again for each message that relies on it
        }
        ProductLists productLists = new ProductLists(messages.size());
        boolean batchProductsUsed = false;
        for (int i = 0; i < messages.size(); i++) {
            IncomingMessage message = messages.get(i);
            if (message == null) {
                errors.add(new FieldError("messages[" + i + "]", "must not be null"));
                continue;
            }
            text(errors, i, "idempotencyKey", message.idempotencyKey(), IncomingMessage.MAX_IDEMPOTENCY_KEY);
            text(errors, i, "recipientId", message.recipientId(), IncomingMessage.MAX_RECIPIENT_ID);
            text(errors, i, "promotionId", message.promotionId(), IncomingMessage.MAX_PROMOTION_ID);
            present(errors, i, "day", message.day());
            text(errors, i, "subject", message.subject(), IncomingMessage.MAX_SUBJECT);
            text(errors, i, "body", message.body(), IncomingMessage.MAX_BODY);
            present(errors, i, "expiresAt", message.expiresAt());
            List<Product> products = message.products();
            if (products != null) {
                if (productCountAllowed(products)) {
                    productLists.add(i, products, "messages[" + i + "].products");
                } else {
                    errors.add(new FieldError("messages[" + i + "].products", PRODUCT_COUNT));
                }
            } else if (batchProducts != null) {
                productLists.add(i, batchProducts, "products");
                batchProductsUsed = true;
            } else if (batch.products() == null) {
                errors.add(new FieldError("messages[" + i + "].products",
                        PRODUCT_COUNT + " (or the batch's products apply)"));
            }
        }
        for (int list = 0; list < productLists.distinct().size(); list++) {
            checkProducts(errors, productLists.field(list), productLists.distinct().get(list));
        }
        if (batchProducts != null && !batchProductsUsed) {
            checkProducts(errors, "products", batchProducts); // unused, but never accepted unchecked
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidRequestException(errors);
        }
        return productLists;
    }

    private static boolean productCountAllowed(List<Product> products) {
        return !products.isEmpty() && products.size() <= IncomingMessage.MAX_PRODUCTS;
    }

    private void checkProducts(List<FieldError> errors, String field, List<Product> products) {
        for (int p = 0; p < products.size(); p++) {
            String path = field + "[" + p + "]";
            Product product = products.get(p);
            if (product == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            for (ConstraintViolation<Product> violation : validator.validate(product)) {
                errors.add(new FieldError(path + "." + violation.getPropertyPath(), violation.getMessage()));
            }
            limit(errors, path + ".sku", product.sku(), Product.MAX_SKU, true);
            limit(errors, path + ".name", product.name(), Product.MAX_NAME, true);
            limit(errors, path + ".imageUrl", product.imageUrl(), Product.MAX_URL, true);
            limit(errors, path + ".url", product.url(), Product.MAX_URL, true);
        }
    }

    private static void text(List<FieldError> errors, int message, String field, String value, int maxLength) {
        String path = "messages[" + message + "]." + field;
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(path, "must not be blank"));
        } else {
            limit(errors, path, value, maxLength, !field.equals("body"));
        }
    }

    /**
     * The limits of contracts.md as the engine applies them: lengths in code points
     * ({@code codePointCount}, not {@code length()}), and no control characters in a
     * single-line text ({@code \n}, {@code \r}, {@code \t} are allowed in a body).
     */
    static void limit(List<FieldError> errors, String field, String value, int maxCodePoints, boolean singleLine) {
        if (value == null) {
            return;
        }
        int codePoints = value.codePointCount(0, value.length());
        if (codePoints > maxCodePoints) {
            errors.add(new FieldError(field, "must be at most " + maxCodePoints + " characters, got " + codePoints));
        } else if (value.codePoints().anyMatch(c -> Character.isISOControl(c)
                && (singleLine || (c != '\n' && c != '\r' && c != '\t')))) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }

    private static void present(List<FieldError> errors, int message, String field, Object value) {
        if (value == null) {
            errors.add(new FieldError("messages[" + message + "]." + field, "must not be null"));
        }
    }
}

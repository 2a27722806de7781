package com.promocalendar.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The engine rejected a promotion; {@link #errors()} names every offending field. */
public class InvalidPromotionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<FieldError> errors;

    public InvalidPromotionException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every rejected field, in the order the engine reported them. */
    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream()
                .map(error -> error.field().isEmpty() ? error.message() : error.field() + ": " + error.message())
                .collect(Collectors.joining("; ", "invalid promotion: ", ""));
    }

    /** Called by the native library, which hands over the errors as parallel arrays. */
    static InvalidPromotionException fromNative(String[] fields, String[] problems, String[] messages) {
        List<FieldError> errors = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            errors.add(new FieldError(fields[i], problems[i], messages[i]));
        }
        return new InvalidPromotionException(errors);
    }
}

package com.promocalendar.calendar.problem;

/** One bad field of a request: a JSON path such as {@code package.products[3].sku}, and why. */
public record FieldError(String field, String message) {
}

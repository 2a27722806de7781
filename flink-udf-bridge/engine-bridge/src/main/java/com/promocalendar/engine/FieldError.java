package com.promocalendar.engine;

/**
 * One rejected field of a promotion, as reported by the engine component.
 *
 * @param field path of the field in the promotion JSON, e.g. {@code timeZone} or
 *     {@code package.products[2].currency}; empty for the document as a whole
 * @param problem what is wrong, the kebab-case case name of the WIT {@code problem} variant,
 *     e.g. {@code unknown-time-zone}, {@code not-after-start}, {@code unknown-placeholder}
 * @param message one English sentence for people, naming the field
 */
public record FieldError(String field, String problem, String message) {}

package com.promocalendar.calendar.audit;

/**
 * One changed field of an audit entry: {@code field} as the promotion JSON names it
 * ({@code title}, {@code package.discountPercent}, …), its value before and after
 * (null when there was none). A product added to the package is
 * {@code {field: "package.products", from: null, to: sku}}, a removed one the reverse.
 */
public record AuditChange(String field, Object from, Object to) {
}

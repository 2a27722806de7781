package com.promocalendar.calendar.promotion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import com.promocalendar.calendar.audit.AuditChange;
import com.promocalendar.calendar.promotion.PromotionDocument.PackageDocument;
import com.promocalendar.calendar.promotion.PromotionDocument.PackageProduct;

/** What the audit trail records of a change: the fields that differ between two versions of a promotion. */
final class PromotionDiff {

    private PromotionDiff() {
    }

    static List<AuditChange> between(PromotionDocument before, PromotionDocument after) {
        List<AuditChange> changes = new ArrayList<>();
        compare(changes, "title", before, after, PromotionDocument::title);
        compare(changes, "startsAt", before, after, PromotionDocument::startsAt);
        compare(changes, "endsAt", before, after, PromotionDocument::endsAt);
        compare(changes, "timeZone", before, after, PromotionDocument::timeZone);
        compare(changes, "dailySendTime", before, after, PromotionDocument::dailySendTime);
        compare(changes, "package.name", before, after, document -> pkg(document).name());
        compare(changes, "package.discountPercent", before, after, document -> pkg(document).discountPercent());
        compare(changes, "package.message", before, after, document -> pkg(document).message());
        Set<String> skusBefore = skus(before);
        Set<String> skusAfter = skus(after);
        skusBefore.stream().filter(sku -> !skusAfter.contains(sku))
                .forEach(sku -> changes.add(new AuditChange("package.products", sku, null)));
        skusAfter.stream().filter(sku -> !skusBefore.contains(sku))
                .forEach(sku -> changes.add(new AuditChange("package.products", null, sku)));
        compare(changes, "status", before, after, PromotionDocument::status);
        return changes;
    }

    private static void compare(List<AuditChange> changes, String field, PromotionDocument before,
            PromotionDocument after, Function<PromotionDocument, Object> value) {
        Object from = value.apply(before);
        Object to = value.apply(after);
        if (!Objects.equals(from, to)) {
            changes.add(new AuditChange(field, from instanceof Enum<?> e ? e.name() : from,
                    to instanceof Enum<?> e ? e.name() : to));
        }
    }

    private static PackageDocument pkg(PromotionDocument document) {
        return document.promotionPackage() == null ? new PackageDocument(null, null, null, List.of())
                : document.promotionPackage();
    }

    private static Set<String> skus(PromotionDocument document) {
        Set<String> skus = new LinkedHashSet<>();
        List<PackageProduct> products = pkg(document).products();
        if (products != null) {
            products.forEach(product -> skus.add(product.sku()));
        }
        return skus;
    }
}

package com.promocalendar.calendar.promotion;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.promocalendar.calendar.audit.AuditAction;
import com.promocalendar.calendar.audit.AuditChange;
import com.promocalendar.calendar.audit.AuditTrail;
import com.promocalendar.calendar.changefeed.ChangeKind;
import com.promocalendar.calendar.changefeed.PromotionChangeFeed;
import com.promocalendar.calendar.problem.ApiException;
import com.promocalendar.calendar.problem.FieldError;
import com.promocalendar.calendar.product.InventoryClient;
import com.promocalendar.calendar.product.InventoryProduct;
import com.promocalendar.calendar.promotion.PromotionDocument.PackageDocument;
import com.promocalendar.calendar.promotion.PromotionDocument.PackageProduct;
import com.promocalendar.calendar.promotion.PromotionRequest.ProductRequest;

/**
 * The lifecycle of promotions. Each write checks the expected version and the
 * rules under a row lock, then stores the promotion, its audit entry and (for
 * what the scheduler must know) its change-feed entry in one transaction.
 * Everything slow or remote — inventory look-ups, the engine — happens before
 * the transaction starts.
 */
@Service
class PromotionService {

    static final int MAX_PRODUCTS = 50;

    private final PromotionRepository promotions;
    private final ScheduleEngine engine;
    private final InventoryClient inventory;
    private final AuditTrail audit;
    private final PromotionChangeFeed changes;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PromotionService(PromotionRepository promotions, ScheduleEngine engine, InventoryClient inventory,
            AuditTrail audit, PromotionChangeFeed changes, TransactionTemplate transaction, Clock clock) {
        this.promotions = promotions;
        this.engine = engine;
        this.inventory = inventory;
        this.audit = audit;
        this.changes = changes;
        this.transaction = transaction;
        this.clock = clock;
    }

    PromotionView create(PromotionRequest request, Actor actor) {
        Candidate candidate = candidate(UUID.randomUUID(), 1, PromotionStatus.DRAFT, request);
        Checked checked = check(candidate);
        PromotionDocument document = candidate.document();
        Instant now = clock.instant();
        Promotion created = new Promotion(document, checked.starts(), checked.ends(), now, now);
        transaction.executeWithoutResult(tx -> {
            promotions.insert(created, actor.name());
            audit.record(document.id(), document.version(), AuditAction.CREATED, actor.name(), now, List.of());
        });
        return withWarnings(created, checked.timeWarnings());
    }

    /**
     * A new draft with the original's package and zone: a week later (the same
     * weekdays of the next week, in the promotion's own zone) unless
     * {@code request} gives the dates; the title marked as a copy. Products go
     * through the inventory again, as on any save.
     */
    PromotionView duplicate(UUID id, DuplicateRequest request, Actor actor) {
        PromotionDocument original = promotions.find(id).orElseThrow(() -> notFound(id)).document();
        boolean datesGiven = request != null && request.givesDates();
        PackageDocument content = original.promotionPackage();
        List<ProductRequest> products = content.products() == null ? List.of() : content.products().stream()
                .map(product -> new ProductRequest(product.sku(),
                        content.discountPercent() == null ? product.promoPriceCents() : null))
                .toList();
        PromotionRequest copy = new PromotionRequest(copyTitle(original.title()), original.timeZone(),
                datesGiven ? request.startsAt() : nextWeek(original.startsAt()),
                datesGiven ? request.endsAt() : nextWeek(original.endsAt()), original.dailySendTime(),
                new PromotionRequest.PackageRequest(content.name(), content.discountPercent(), content.message(), products));
        Candidate candidate = candidate(UUID.randomUUID(), 1, PromotionStatus.DRAFT, copy);
        Checked checked = check(candidate);
        PromotionDocument document = candidate.document();
        Instant now = clock.instant();
        Promotion created = new Promotion(document, checked.starts(), checked.ends(), now, now);
        List<AuditChange> changes = new ArrayList<>(List.of(new AuditChange("duplicateOf", null, id.toString())));
        changes.addAll(PromotionDiff.between(original, document));
        transaction.executeWithoutResult(tx -> {
            promotions.insert(created, actor.name());
            audit.record(document.id(), document.version(), AuditAction.DUPLICATED, actor.name(), now, changes);
        });
        return withWarnings(created, checked.timeWarnings());
    }

    static final String COPY_SUFFIX = " (copy)";
    static final int MAX_TITLE = 120;

    /** "Title (copy)", the original cut so the copy stays within the title's 120 code points. */
    static String copyTitle(String title) {
        String original = title == null ? "" : title;
        int room = MAX_TITLE - COPY_SUFFIX.length();
        if (original.codePointCount(0, original.length()) > room) {
            original = original.substring(0, original.offsetByCodePoints(0, room)).stripTrailing();
        }
        return original + COPY_SUFFIX;
    }

    /** The same local date-time a week later; the engine resolves it in the zone (a DST change in between is its job). */
    static String nextWeek(String localDateTime) {
        return LocalDateTime.parse(localDateTime).plusWeeks(1).toString();
    }

    /** Title substring or exact sku, across all time, newest start first; {@code limit + 1} read to know if more follow. */
    PromotionSearch.Page search(String query, PromotionSearch.State state, PromotionSearch.Cursor after, int limit) {
        List<Promotion> found = promotions.search(query, state, after, clock.instant(), limit + 1);
        List<Promotion> page = found.subList(0, Math.min(limit, found.size()));
        Map<UUID, List<OverlapWarning>> warnings = promotions.overlapsOf(
                page.stream().map(promotion -> promotion.document().id()).toList());
        String next = null;
        if (found.size() > limit) {
            Promotion last = page.get(page.size() - 1);
            next = new PromotionSearch.Cursor(last.startsAtInstant(), last.document().id()).encode();
        }
        return new PromotionSearch.Page(page.stream()
                .map(promotion -> PromotionView.of(promotion, warnings.getOrDefault(promotion.document().id(), List.of())))
                .toList(), next);
    }

    Optional<PromotionView> find(UUID id) {
        return promotions.find(id).map(promotion -> withWarnings(promotion, timeWarnings(promotion.document())));
    }

    Optional<PromotionDocument> findDocument(UUID id) {
        return promotions.find(id).map(Promotion::document);
    }

    List<PromotionView> between(Instant from, Instant to) {
        List<Promotion> found = promotions.between(from, to);
        Map<UUID, List<OverlapWarning>> warnings = promotions.overlapsOf(
                found.stream().map(promotion -> promotion.document().id()).toList());
        return found.stream()
                .map(promotion -> PromotionView.of(promotion, warnings.getOrDefault(promotion.document().id(), List.of())))
                .toList();
    }

    PromotionView update(UUID id, long expectedVersion, PromotionRequest request, Actor actor) {
        Promotion current = promotions.find(id).orElseThrow(() -> notFound(id)); // 404 before any inventory call
        Candidate candidate = candidate(id, expectedVersion + 1, current.status(), request);
        Checked checked = check(candidate);
        Promotion updated = transaction.execute(tx -> {
            Promotion locked = lockAtVersion(id, expectedVersion);
            Instant now = clock.instant();
            if (locked.status() == PromotionStatus.PUBLISHED) {
                requireAllowedMove(locked, checked, now);
            }
            Promotion next = new Promotion(candidate.document().withVersionAndStatus(expectedVersion + 1, locked.status()),
                    checked.starts(), checked.ends(), locked.createdAt(), now);
            promotions.update(next, actor.name());
            audit.record(id, next.version(), AuditAction.UPDATED, actor.name(), now,
                    PromotionDiff.between(locked.document(), next.document()));
            if (next.status() == PromotionStatus.PUBLISHED) {
                changes.append(id, ChangeKind.UPDATED, promotions.toJson(next.document()), next.version(),
                        next.endsAtInstant(), null);
            }
            return next;
        });
        return withWarnings(updated, checked.timeWarnings());
    }

    PromotionView publish(UUID id, long expectedVersion, Actor actor) {
        Promotion current = promotions.find(id).orElseThrow(() -> notFound(id));
        requireProducts(current.document());
        Checked checked = check(new Candidate(current.document(), List.of())); // the rules may have tightened since it was saved
        Promotion published = transaction.execute(tx -> {
            Promotion locked = lockAtVersion(id, expectedVersion);
            Instant now = clock.instant();
            if (locked.status() == PromotionStatus.PUBLISHED) {
                throw ApiException.conflict("status", "is already PUBLISHED");
            }
            if (locked.hasEnded(now)) {
                throw ApiException.conflict("endsAt", "has passed: an ended promotion cannot be published");
            }
            requireProducts(locked.document()); // it may have lost its products since the check above
            Promotion next = transition(locked, PromotionStatus.PUBLISHED, now);
            promotions.update(next, actor.name());
            audit.record(id, next.version(), AuditAction.PUBLISHED, actor.name(), now,
                    PromotionDiff.between(locked.document(), next.document()));
            changes.append(id, ChangeKind.PUBLISHED, promotions.toJson(next.document()), next.version(),
                    next.endsAtInstant(), null);
            return next;
        });
        return withWarnings(published, checked.timeWarnings());
    }

    /** Unpublishes; {@code reason} (may be null) is what customers' withdrawn messages show. */
    PromotionView unpublish(UUID id, long expectedVersion, String reason, Actor actor) {
        Promotion unpublished = transaction.execute(tx -> {
            Promotion locked = lockAtVersion(id, expectedVersion);
            if (locked.status() != PromotionStatus.PUBLISHED) {
                throw ApiException.conflict("status", "is " + locked.status() + ": only a PUBLISHED promotion can be unpublished");
            }
            Instant now = clock.instant();
            Promotion next = transition(locked, PromotionStatus.UNPUBLISHED, now);
            promotions.update(next, actor.name());
            List<AuditChange> changed = new ArrayList<>(PromotionDiff.between(locked.document(), next.document()));
            if (reason != null) {
                changed.add(new AuditChange("reason", null, reason));
            }
            audit.record(id, next.version(), AuditAction.UNPUBLISHED, actor.name(), now, changed);
            changes.append(id, ChangeKind.UNPUBLISHED, promotions.toJson(next.document()), next.version(),
                    next.endsAtInstant(), reason);
            return next;
        });
        return withWarnings(unpublished, timeWarnings(unpublished.document()));
    }

    /** Deletes a draft or an unpublished promotion; the scheduler never knew of it (or already let go), so no change. */
    void delete(UUID id, long expectedVersion, Actor actor) {
        transaction.executeWithoutResult(tx -> {
            Promotion locked = lockAtVersion(id, expectedVersion);
            if (locked.status() == PromotionStatus.PUBLISHED) {
                throw ApiException.conflict("status", "is PUBLISHED: unpublish it before deleting it");
            }
            promotions.delete(id);
            audit.record(id, locked.version(), AuditAction.DELETED, actor.name(), clock.instant(), List.of());
        });
    }

    /**
     * One reading of the promotion by the engine: its days, its start and end, and
     * the first day's message — none for a draft without products (it holds a slot:
     * its days are known, its message is not; the placeholder is never rendered).
     */
    Preview preview(UUID id, Actor actor) {
        Promotion promotion = promotions.find(id).orElseThrow(() -> notFound(id));
        PromotionDocument forEngine = withPlaceholderIfDraftIsEmpty(promotion.document());
        boolean hasProducts = forEngine == promotion.document();
        try (ScheduleEngine.CheckedPromotion checked = engine.check(promotions.toJson(forEngine))) {
            List<ScheduleEngine.Occurrence> occurrences = checked.occurrences();
            String sample = occurrences.isEmpty() || !hasProducts ? null
                    : checked.renderMessagesJson(0, Preview.recipientsJson(actor));
            return Preview.of(promotion.document().timeZone(), checked.start(), checked.end(), occurrences, sample);
        } catch (ScheduleEngine.Rejected e) {
            throw ApiException.invalid(e.errors());
        }
    }

    /** Once a published promotion has started its start stays put; its end may never move into the past. */
    private static void requireAllowedMove(Promotion current, Checked next, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (current.hasStarted(now) && !next.starts().equals(current.startsAtInstant())) {
            errors.add(new FieldError("startsAt", "cannot move: the published promotion has already started"));
        }
        if (!next.ends().equals(current.endsAtInstant()) && !next.ends().isAfter(now)) {
            errors.add(new FieldError("endsAt", "cannot move into the past while the promotion is published"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "This change is not allowed for a published promotion.", errors);
        }
    }

    private Promotion lockAtVersion(UUID id, long expectedVersion) {
        Promotion locked = promotions.lock(id).orElseThrow(() -> notFound(id));
        if (locked.version() != expectedVersion) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED,
                    "The promotion was changed meanwhile (now version " + locked.version() + "); reload it.",
                    List.of(new FieldError("If-Match", "expected version " + locked.version())));
        }
        return locked;
    }

    private static Promotion transition(Promotion current, PromotionStatus status, Instant now) {
        return new Promotion(current.document().withVersionAndStatus(current.version() + 1, status),
                current.startsAtInstant(), current.endsAtInstant(), current.createdAt(), now);
    }

    /** Its overlaps with other promotions, then what the engine said about its local times. */
    private PromotionView withWarnings(Promotion promotion, List<LocalTimeWarning> timeWarnings) {
        UUID id = promotion.document().id();
        List<PromotionWarning> warnings = new ArrayList<>(promotions.overlapsOf(List.of(id)).getOrDefault(id, List.of()));
        warnings.addAll(timeWarnings);
        return PromotionView.of(promotion, warnings);
    }

    /** The local-time warnings of a stored promotion (none if the engine no longer accepts it). */
    private List<LocalTimeWarning> timeWarnings(PromotionDocument document) {
        try (ScheduleEngine.CheckedPromotion checked = engine.check(promotions.toJson(withPlaceholderIfDraftIsEmpty(document)))) {
            return LocalTimeWarning.of(document.timeZone(), checked);
        } catch (ScheduleEngine.Rejected stale) {
            return List.of();
        }
    }

    /** What a save learns from the engine's one reading of the promotion. */
    private record Checked(Instant starts, Instant ends, List<LocalTimeWarning> timeWarnings) {
    }

    /**
     * Asks the engine — one reading: validation, interval and the local-time
     * warnings — and answers every problem at once: the service's own
     * product errors plus the engine's errors on all other fields (its product
     * errors would be about a list with the bad products left out).
     */
    private Checked check(Candidate candidate) {
        List<FieldError> errors = new ArrayList<>(candidate.productErrors());
        PromotionDocument document = candidate.document();
        try (ScheduleEngine.CheckedPromotion checked = engine.check(promotions.toJson(withPlaceholderIfDraftIsEmpty(document)))) {
            if (errors.isEmpty()) {
                return new Checked(checked.start().instant(), checked.end().instant(),
                        LocalTimeWarning.of(document.timeZone(), checked));
            }
        } catch (ScheduleEngine.Rejected e) {
            e.errors().stream()
                    .filter(error -> errors.isEmpty() || !error.field().startsWith("package.products"))
                    .forEach(errors::add);
        }
        throw ApiException.invalid(errors);
    }

    /**
     * A product that stands in, for the engine only, for the missing products of a
     * promotion that is not published: a draft may hold a slot without products
     * (0–50), while the engine — which must refuse an empty package for every
     * promotion it runs — judges the rest of it. Never stored: the document keeps
     * its empty list, and publishing requires a product ({@link #requireProducts}).
     */
    static final PackageProduct PLACEHOLDER = new PackageProduct("placeholder", "placeholder", 100, 100, "EUR", null, null);

    private static PromotionDocument withPlaceholderIfDraftIsEmpty(PromotionDocument document) {
        PackageDocument content = document.promotionPackage();
        if (document.status() == PromotionStatus.PUBLISHED || content == null
                || content.products() != null && !content.products().isEmpty()) {
            return document;
        }
        return new PromotionDocument(document.id(), document.version(), document.status(), document.title(),
                document.timeZone(), document.startsAt(), document.endsAt(), document.dailySendTime(),
                new PackageDocument(content.name(), content.discountPercent(), content.message(), List.of(PLACEHOLDER)));
    }

    /** Publishing needs at least one product (a 409 naming {@code package.products}). */
    private static void requireProducts(PromotionDocument document) {
        PackageDocument content = document.promotionPackage();
        if (content == null || content.products() == null || content.products().isEmpty()) {
            throw ApiException.conflict("package.products", "is empty: add 1 to " + MAX_PRODUCTS
                    + " products before publishing (a draft may have none)");
        }
    }

    /** A promotion built from a request, with the products the inventory could not supply. */
    private record Candidate(PromotionDocument document, List<FieldError> productErrors) {
    }

    /**
     * Builds the promotion JSON from the request, copying product details from
     * the inventory. Checked here only what must be known before the engine can
     * be asked: that there is a package with at most 50 products (so a huge list never
     * fans out into inventory look-ups), each a known sku with a promotion price.
     * An empty list is the engine's to judge: allowed for a draft, refused for a
     * published promotion (see {@link #PLACEHOLDER}).
     */
    private Candidate candidate(UUID id, long version, PromotionStatus status, PromotionRequest request) {
        PromotionRequest.PackageRequest requested = request.promotionPackage();
        if (requested == null) {
            throw ApiException.invalid("package", "is required");
        }
        List<ProductRequest> items = requested.products() == null ? List.of() : requested.products();
        if (items.size() > MAX_PRODUCTS) {
            throw ApiException.invalid("package.products", "must list at most " + MAX_PRODUCTS + " products");
        }
        List<FieldError> errors = new ArrayList<>();
        List<PackageProduct> products = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "package.products[" + i + "]";
            ProductRequest item = items.get(i);
            if (item == null || item.sku() == null || item.sku().isBlank()) {
                errors.add(new FieldError(field + ".sku", "is required"));
                continue;
            }
            Optional<InventoryProduct> found = inventory.find(item.sku());
            if (found.isEmpty()) {
                errors.add(new FieldError(field + ".sku", "is not a product of the inventory: " + item.sku()));
                continue;
            }
            InventoryProduct product = found.get();
            Long promoPrice = item.promoPriceCents() != null ? item.promoPriceCents()
                    : discounted(product.priceCents(), requested.discountPercent());
            if (promoPrice == null) {
                errors.add(new FieldError(field + ".promoPriceCents", "is required when the package has no discountPercent"));
                continue;
            }
            products.add(new PackageProduct(product.sku(), product.name(), product.priceCents(), promoPrice,
                    product.currency(), product.imageUrl(), product.url()));
        }
        PromotionDocument document = new PromotionDocument(id, version, status, request.title(), request.timeZone(),
                request.startsAt(), request.endsAt(), request.dailySendTime(),
                new PackageDocument(requested.name(), requested.discountPercent(), requested.message(), products));
        return new Candidate(document, errors);
    }

    /** The promotion price for a discount, rounded half up to the cent; the engine judges the percentage itself. */
    static Long discounted(long priceCents, Integer discountPercent) {
        if (discountPercent == null) {
            return null;
        }
        return Math.max(0, Math.round(priceCents * (100 - discountPercent) / 100.0));
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("Promotion " + id);
    }
}

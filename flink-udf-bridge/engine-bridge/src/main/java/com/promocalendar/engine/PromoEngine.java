package com.promocalendar.engine;

import java.lang.ref.Reference;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Promo Calendar engine component (wit/engine.wit), called from Java through JNI.
 *
 * <p>{@link #create()} loads the native library bundled in this jar; the library embeds the
 * compiled WebAssembly component and runs it with wasmtime, configured without signal-based
 * traps so that it never installs signal handlers inside the JVM. Every schedule answer comes
 * from the component (shared/spec/schedule.md); nothing here computes a time.
 *
 * <p>Thread-safe. One engine per JVM (or per class loader) is plenty; {@link #close()} frees it.
 * For many questions about one promotion, read it once with {@link #check(String)}.
 */
public final class PromoEngine implements AutoCloseable {

    private final NativeHandle handle;

    private PromoEngine(long pointer) {
        this.handle = NativeHandle.register(this, pointer, NativeEngine::freeEngine, "promo engine");
    }

    /** Loads the native library (once per class loader) and prepares the component. */
    public static PromoEngine create() {
        NativeLibrary.ensureLoaded();
        return new PromoEngine(NativeEngine.createEngine());
    }

    /**
     * Parses and validates promotion JSON (contracts.md) once; the answer gives its schedule and
     * its messages without reading the JSON again. Close it.
     *
     * @throws InvalidPromotionException naming every bad field
     */
    public CheckedPromotion check(String promotionJson) {
        Objects.requireNonNull(promotionJson, "promotionJson");
        try {
            return new CheckedPromotion(NativeEngine.check(handle.get(), promotionJson));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** All occurrences of a promotion, in order. */
    public List<Occurrence> occurrences(String promotionJson) {
        try (CheckedPromotion promotion = check(promotionJson)) {
            return promotion.occurrences();
        }
    }

    /** The first occurrence with {@code fireAt > after}, if any. */
    public Optional<Occurrence> nextFire(String promotionJson, Instant after) {
        Objects.requireNonNull(after, "after");
        try (CheckedPromotion promotion = check(promotionJson)) {
            return promotion.nextFire(after);
        }
    }

    /** The occurrence with the latest {@code fireAt <= now}, provided {@code now} is before the end. */
    public Optional<Occurrence> dueAt(String promotionJson, Instant now) {
        Objects.requireNonNull(now, "now");
        try (CheckedPromotion promotion = check(promotionJson)) {
            return promotion.dueAt(now);
        }
    }

    /**
     * Renders the inbox messages of one occurrence (see {@link CheckedPromotion#renderMessagesJson}).
     *
     * @throws InvalidPromotionException if the promotion, the index ({@code occurrence.index})
     *     or the recipients ({@code recipients}) are invalid
     */
    public String renderMessagesJson(String promotionJson, int occurrenceIndex, String recipientsJson) {
        Objects.requireNonNull(recipientsJson, "recipientsJson");
        try (CheckedPromotion promotion = check(promotionJson)) {
            return promotion.renderMessagesJson(occurrenceIndex, recipientsJson);
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}

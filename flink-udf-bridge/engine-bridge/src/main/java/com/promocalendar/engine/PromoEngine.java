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
 * For many questions about one promotion, plan it once with {@link #schedule(String)}.
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

    /** Parses and validates promotion JSON (contracts.md); throws naming every bad field. */
    public void validate(String promotionJson) {
        Objects.requireNonNull(promotionJson, "promotionJson");
        try {
            NativeEngine.validate(handle.get(), promotionJson);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Validates a promotion and resolves its schedule; close the returned handle. */
    public PromotionSchedule schedule(String promotionJson) {
        Objects.requireNonNull(promotionJson, "promotionJson");
        try {
            return new PromotionSchedule(NativeEngine.plan(handle.get(), promotionJson));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** All occurrences of a promotion, in order. */
    public List<Occurrence> occurrences(String promotionJson) {
        try (PromotionSchedule schedule = schedule(promotionJson)) {
            return schedule.occurrences();
        }
    }

    /** The first occurrence with {@code fireAt > after}, if any. */
    public Optional<Occurrence> nextFire(String promotionJson, Instant after) {
        Objects.requireNonNull(after, "after");
        try (PromotionSchedule schedule = schedule(promotionJson)) {
            return schedule.nextFire(after);
        }
    }

    /** The occurrence with the latest {@code fireAt <= now}, provided {@code now} is before the end. */
    public Optional<Occurrence> dueAt(String promotionJson, Instant now) {
        Objects.requireNonNull(now, "now");
        try (PromotionSchedule schedule = schedule(promotionJson)) {
            return schedule.dueAt(now);
        }
    }

    /**
     * Renders the inbox messages of one occurrence.
     *
     * @param recipientsJson {@code [{userId, username, firstName?, locale?}]}
     * @return a JSON array of inbox messages in the shape of contracts.md
     * @throws InvalidPromotionException if the promotion, the index ({@code occurrence.index})
     *     or the recipients ({@code recipients}) are invalid
     */
    public String renderMessagesJson(String promotionJson, int occurrenceIndex, String recipientsJson) {
        Objects.requireNonNull(promotionJson, "promotionJson");
        Objects.requireNonNull(recipientsJson, "recipientsJson");
        try {
            return NativeEngine.renderMessagesJson(handle.get(), promotionJson, occurrenceIndex, recipientsJson);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}

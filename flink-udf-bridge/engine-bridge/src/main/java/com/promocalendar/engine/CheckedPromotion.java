package com.promocalendar.engine;

import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A promotion parsed and validated once by the engine component (the WIT resource
 * {@code checked-promotion}), then asked many times: its start and end as resolved, its
 * occurrences, {@link #nextFire} (the scheduler's fast path, one JNI call) and the messages of a
 * day — without reading the JSON again. Thread-safe; release it with {@link #close()} (a cleaner
 * frees it if forgotten, but do not rely on that). Do not close it while other threads still
 * query it.
 */
public final class CheckedPromotion implements AutoCloseable {

    private final NativeHandle handle;

    CheckedPromotion(long pointer) {
        this.handle = NativeHandle.register(this, pointer, NativeEngine::freePromotion, "checked promotion");
    }

    /** The start as written and as resolved: its instant is {@code S}. */
    public ResolvedDateTime start() {
        try {
            return ResolvedDateTime.unpack(NativeEngine.start(handle.get()));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The end as written and as resolved: its instant is {@code E} (exclusive). */
    public ResolvedDateTime end() {
        try {
            return ResolvedDateTime.unpack(NativeEngine.end(handle.get()));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** All occurrences, in order. */
    public List<Occurrence> occurrences() {
        try {
            long[] packed = NativeEngine.occurrences(handle.get());
            List<Occurrence> occurrences = new ArrayList<>(packed.length / Occurrence.PACKED_LENGTH);
            for (int at = 0; at < packed.length; at += Occurrence.PACKED_LENGTH) {
                occurrences.add(Occurrence.unpack(packed, at));
            }
            return List.copyOf(occurrences);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The first occurrence with {@code fireAt > after} (strictly), if any. */
    public Optional<Occurrence> nextFire(Instant after) {
        try {
            return single(NativeEngine.nextFire(handle.get(), after.toEpochMilli()));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The occurrence with the latest {@code fireAt <= now}, provided {@code now} is before the end. */
    public Optional<Occurrence> dueAt(Instant now) {
        try {
            return single(NativeEngine.dueAt(handle.get(), now.toEpochMilli()));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Renders the inbox messages of one occurrence.
     *
     * @param recipientsJson {@code [{userId, username, firstName?, locale?}]}
     * @return a JSON array of inbox messages in the shape of contracts.md
     * @throws InvalidPromotionException if the index ({@code occurrence.index}) or the recipients
     *     ({@code recipients}) are invalid
     */
    public String renderMessagesJson(int occurrenceIndex, String recipientsJson) {
        Objects.requireNonNull(recipientsJson, "recipientsJson");
        try {
            return NativeEngine.renderMessagesJson(handle.get(), occurrenceIndex, recipientsJson);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The native pointer, for the benchmark that calls the native library directly. */
    long handleForBenchmark() {
        return handle.get();
    }

    @Override
    public void close() {
        handle.close();
    }

    private static Optional<Occurrence> single(long[] packed) {
        return packed == null ? Optional.empty() : Optional.of(Occurrence.unpack(packed, 0));
    }
}

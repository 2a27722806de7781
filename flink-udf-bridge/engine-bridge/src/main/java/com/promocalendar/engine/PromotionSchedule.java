package com.promocalendar.engine;

import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A promotion's schedule, resolved once by the engine component and queried many times: the
 * fast path of the scheduler, where {@link #nextFire} is one JNI call. Thread-safe; release it
 * with {@link #close()} (a cleaner frees it if forgotten, but do not rely on that). Do not
 * close it while other threads still query it.
 */
public final class PromotionSchedule implements AutoCloseable {

    private final NativeHandle handle;

    PromotionSchedule(long pointer) {
        this.handle = NativeHandle.register(this, pointer, NativeEngine::freeSchedule, "promotion schedule");
    }

    /** The resolved start instant {@code S}. */
    public Instant starts() {
        try {
            return Instant.ofEpochMilli(NativeEngine.starts(handle.get()));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The resolved end instant {@code E} (exclusive). */
    public Instant ends() {
        try {
            return Instant.ofEpochMilli(NativeEngine.ends(handle.get()));
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

package com.promocalendar.engine;

/**
 * The JNI entry points of {@code libpromo_engine_jni} (flink-udf-bridge/native). Handles are
 * pointers owned by the native side; every {@code create}/{@code check} has its {@code free}.
 * Occurrences and start/end come back packed as {@code long}s (see {@link Occurrence#unpack},
 * {@link ResolvedDateTime#unpack}); invalid promotions are thrown as
 * {@link InvalidPromotionException}.
 */
final class NativeEngine {

    private NativeEngine() {}

    /** Loads the component (precompiled, cached) and prepares its instantiation once. */
    static native long createEngine();

    static native void freeEngine(long engine);

    /** Parses and validates promotion JSON once: a checked promotion. */
    static native long check(long engine, String promotionJson);

    static native void freePromotion(long promotion);

    static native long[] start(long promotion);

    static native long[] end(long promotion);

    static native long[] occurrences(long promotion);

    /** {@code null} when there is none. */
    static native long[] nextFire(long promotion, long afterEpochMillis);

    /** {@code null} when there is none. */
    static native long[] dueAt(long promotion, long nowEpochMillis);

    static native String renderMessagesJson(long promotion, int occurrenceIndex, String recipientsJson);

    /**
     * Calls the component's {@code next-fire} {@code iterations} times in a Rust loop and returns
     * a checksum, so a benchmark can put the pure component call beside the JNI call.
     */
    static native long benchmarkNextFireLoop(long promotion, long afterEpochMillis, int iterations);
}

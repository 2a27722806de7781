package com.promocalendar.engine;

/**
 * The JNI entry points of {@code libpromo_engine_jni} (flink-udf-bridge/native). Handles are
 * pointers owned by the native side; every {@code create}/{@code plan} has its {@code free}.
 * Occurrences come back packed as {@code long}s (see {@link Occurrence#unpack}); invalid
 * promotions are thrown as {@link InvalidPromotionException}.
 */
final class NativeEngine {

    private NativeEngine() {}

    /** Loads the component (precompiled, cached) and prepares its instantiation once. */
    static native long createEngine();

    static native void freeEngine(long engine);

    static native void validate(long engine, String promotionJson);

    static native long plan(long engine, String promotionJson);

    static native String renderMessagesJson(long engine, String promotionJson, int occurrenceIndex, String recipientsJson);

    static native void freeSchedule(long schedule);

    static native long starts(long schedule);

    static native long ends(long schedule);

    static native long[] occurrences(long schedule);

    /** {@code null} when there is none. */
    static native long[] nextFire(long schedule, long afterEpochMillis);

    /** {@code null} when there is none. */
    static native long[] dueAt(long schedule, long nowEpochMillis);

    /**
     * Calls the component's {@code next-fire} {@code iterations} times in a Rust loop and returns
     * a checksum, so a benchmark can put the pure component call beside the JNI call.
     */
    static native long benchmarkNextFireLoop(long schedule, long afterEpochMillis, int iterations);
}

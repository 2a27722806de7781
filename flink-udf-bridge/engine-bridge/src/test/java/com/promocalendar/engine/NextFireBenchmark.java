package com.promocalendar.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One {@code nextFire} through the bridge from Java (the scheduler's fast path: a planned
 * {@link CheckedPromotion}, one JNI call) beside the same component call made in a Rust loop
 * inside the native library (no JNI, no Java objects): the ratio is the bridge's overhead,
 * measured in one run. Not a test; run with {@code main} (see README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NextFireBenchmark {

    private static final int RUST_LOOP = 1000;

    private PromoEngine engine;
    private CheckedPromotion schedule;
    private long scheduleHandle;
    private Instant after;

    @Setup(Level.Trial)
    public void plan() {
        engine = PromoEngine.create();
        schedule = engine.check(Promotions.json("Europe/Berlin", "2026-07-01T14:00", "2026-08-30T09:00", "09:00"));
        scheduleHandle = schedule.handleForBenchmark();
        after = Instant.parse("2026-07-20T08:00:00Z");
    }

    @TearDown(Level.Trial)
    public void close() {
        schedule.close();
        engine.close();
    }

    /** Java → JNI → component → packed result → {@code Optional<Occurrence>}. */
    @Benchmark
    public Optional<Occurrence> bridgeNextFireFromJava() {
        return schedule.nextFire(after);
    }

    /** The component call alone, looped in Rust inside the native library. */
    @Benchmark
    @OperationsPerInvocation(RUST_LOOP)
    public long componentNextFireFromRust() {
        return NativeEngine.benchmarkNextFireLoop(scheduleHandle, after.toEpochMilli(), RUST_LOOP);
    }

    public static void main(String[] arguments) throws Exception {
        new Runner(new OptionsBuilder().include(NextFireBenchmark.class.getSimpleName()).build()).run();
    }
}

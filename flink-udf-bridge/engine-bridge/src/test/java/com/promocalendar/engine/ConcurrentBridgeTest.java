package com.promocalendar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many threads call the bridge while the heap churns and the collector runs: the JVM moves
 * objects and stops threads with signals while wasmtime code is on the stack, and the cleaner
 * frees schedules nobody closed. Every answer must still equal the one computed alone.
 */
class ConcurrentBridgeTest {

    private static final int THREADS = 8;
    private static final int ITERATIONS = 1500;

    @Test
    void manyThreadsUnderGcPressureGetTheSameAnswersAsOneThread() throws Exception {
        List<String> promotions = List.of(
                Promotions.workedExample(),
                Promotions.json("p-2", "Europe/Berlin", "2026-03-28T10:00", "2026-04-05T00:00", "02:30"),
                Promotions.json("p-3", "America/New_York", "2026-10-30T23:59", "2026-11-04T00:00", "01:30"),
                Promotions.json("p-4", "Australia/Lord_Howe", "2026-04-04T01:00", "2026-04-08T00:00", "01:45"));
        Instant probe = Instant.parse("2026-04-01T00:00:00Z");

        try (PromoEngine engine = PromoEngine.create()) {
            List<List<Occurrence>> expectedOccurrences = promotions.stream().map(engine::occurrences).toList();
            List<Optional<Occurrence>> expectedNext = promotions.stream().map(p -> engine.nextFire(p, probe)).toList();

            AtomicBoolean running = new AtomicBoolean(true);
            Thread collector = new Thread(() -> {
                while (running.get()) {
                    System.gc();
                    Thread.onSpinWait();
                }
            });
            collector.setDaemon(true);
            collector.start();

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int seed = t;
                    workers.add(pool.submit(() -> {
                        int checked = 0;
                        List<byte[]> garbage = new ArrayList<>();
                        for (int i = 0; i < ITERATIONS; i++) {
                            int which = (seed + i) % promotions.size();
                            garbage.add(new byte[16 * 1024]);
                            if (garbage.size() > 64) {
                                garbage.clear();
                            }
                            CheckedPromotion schedule = engine.check(promotions.get(which));
                            assertThat(schedule.nextFire(probe)).isEqualTo(expectedNext.get(which));
                            assertThat(schedule.occurrences()).isEqualTo(expectedOccurrences.get(which));
                            if (i % 3 != 0) {
                                schedule.close();
                            } // else: left to the cleaner
                            checked++;
                        }
                        return checked;
                    }));
                }
                int total = 0;
                for (Future<Integer> worker : workers) {
                    total += worker.get();
                }
                assertThat(total).isEqualTo(THREADS * ITERATIONS);
            } finally {
                running.set(false);
                pool.shutdownNow();
                collector.join();
            }
        }
    }

    @Test
    void oneScheduleHandleIsSharedSafelyByManyThreads() throws Exception {
        try (PromoEngine engine = PromoEngine.create();
                CheckedPromotion schedule = engine.check(Promotions.workedExample())) {
            Instant after = Instant.parse("2026-07-01T12:00:00Z");
            Optional<Occurrence> expected = schedule.nextFire(after);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Boolean>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> {
                        for (int i = 0; i < 20_000; i++) {
                            if (!schedule.nextFire(after).equals(expected)) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> worker : workers) {
                    assertThat(worker.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

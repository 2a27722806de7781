package com.promocalendar.scheduler.timers;

import static com.promocalendar.scheduler.TestPromotions.published;
import static com.promocalendar.scheduler.TestPromotions.unpublished;
import static com.promocalendar.scheduler.TestPromotions.week;
import static org.assertj.core.api.Assertions.assertThat;

import com.promocalendar.scheduler.TestPromotions;
import com.promocalendar.scheduler.source.PromotionChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keyed scheduler with Flink's operator test harness and controlled processing time. The
 * expected instants are written out from schedule.md (Berlin is UTC+2 in summer), not asked
 * from the engine, so the test checks the whole chain.
 */
class PromotionTimersTest {


    private KeyedOneInputStreamOperatorTestHarness<String, PromotionChange, DueOccurrence> harness;
    private final List<DueOccurrence> emitted = new ArrayList<>();

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PromotionChange, DueOccurrence> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PromotionTimers()), change -> change.promotionId, Types.STRING);
    }

    @Test
    void publishBeforeTheStartEmitsTheFirstDayExactlyAtTheStart() throws Exception {
        at("2026-06-30T10:00:00Z");
        harness.processElement(published(1, week(1, "PUBLISHED", "09:00")), 0);
        assertThat(drain()).isEmpty();

        at("2026-07-01T11:59:59Z");
        assertThat(drain()).isEmpty();
        at("2026-07-01T12:00:00Z");
        List<DueOccurrence> first = drain();
        assertThat(first).extracting(due -> due.day).containsExactly("2026-07-01");
        assertThat(first.get(0).fireAtEpochMillis).isEqualTo(Instant.parse("2026-07-01T12:00:00Z").toEpochMilli());
        assertThat(first.get(0).index).isZero();
    }

    @Test
    void aWeekOfDailyEmitsSendsEachDayOnceAtItsSendTime() throws Exception {
        at("2026-06-30T10:00:00Z");
        harness.processElement(published(1, week(1, "PUBLISHED", "09:00")), 0);
        List<DueOccurrence> all = advanceHourlyUntil("2026-07-10T00:00:00Z");

        assertThat(all).extracting(due -> due.day).containsExactly(
                "2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04",
                "2026-07-05", "2026-07-06", "2026-07-07", "2026-07-08");
        assertThat(all.subList(1, all.size())).allSatisfy(due ->
                assertThat(Instant.ofEpochMilli(due.fireAtEpochMillis).toString()).endsWith("T07:00:00Z"));
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void onTheDstChangeTheMessageGoesOutAtTheShiftedInstant() throws Exception {
        String spring = TestPromotions.json("p-dst", 1, "PUBLISHED", "Europe/Berlin",
                "2026-03-28T10:00", "2026-03-31T00:00", "02:30");
        at("2026-03-28T12:00:00Z");
        harness.processElement(published(1, spring), 0);
        assertThat(drain()).extracting(due -> due.day).containsExactly("2026-03-28");

        at("2026-03-29T01:29:59Z");
        assertThat(drain()).isEmpty();
        at("2026-03-29T01:30:00Z"); // 02:30 does not exist that night: 03:30 CEST
        assertThat(drain()).extracting(due -> due.day, due -> due.utcOffsetSeconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-03-29", 7200));
    }

    @Test
    void publishAfterTheStartSendsTodayLateAndNeverReplaysEarlierDays() throws Exception {
        at("2026-07-04T15:00:00Z");
        harness.processElement(published(1, week(1, "PUBLISHED", "09:00")), 0);
        assertThat(drain()).extracting(due -> due.day, due -> due.index)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-07-04", 3));

        List<DueOccurrence> rest = advanceHourlyUntil("2026-07-06T00:00:00Z");
        assertThat(rest).extracting(due -> due.day).containsExactly("2026-07-05");
    }

    @Test
    void laterSendTimeAfterTodaysMessageWaitsForTomorrow() throws Exception {
        at("2026-06-30T10:00:00Z");
        harness.processElement(published(1, week(1, "PUBLISHED", "09:00")), 0);
        assertThat(advanceHourlyUntil("2026-07-02T08:00:00Z")).extracting(due -> due.day)
                .containsExactly("2026-07-01", "2026-07-02");

        harness.processElement(published(2, week(2, "PUBLISHED", "18:00")), 0);
        assertThat(drain()).isEmpty();
        List<DueOccurrence> next = advanceHourlyUntil("2026-07-03T17:00:00Z");
        assertThat(next).extracting(due -> due.day).containsExactly("2026-07-03");
        assertThat(Instant.ofEpochMilli(next.get(0).fireAtEpochMillis)).isEqualTo("2026-07-03T16:00:00Z");
    }

    @Test
    void laterSendTimeBeforeTodaysMessageMovesTodaysMessage() throws Exception {
        at("2026-06-30T10:00:00Z");
        harness.processElement(published(1, week(1, "PUBLISHED", "09:00")), 0);
        advanceHourlyUntil("2026-07-03T05:00:00Z");

        harness.processElement(published(2, week(2, "PUBLISHED", "18:00")), 0);
        List<DueOccurrence> next = advanceHourlyUntil("2026-07-03T20:00:00Z");
        assertThat(next).extracting(due -> due.day).containsExactly("2026-07-03");
        assertThat(Instant.ofEpochMilli(next.get(0).fireAtEpochMillis)).isEqualTo("2026-07-03T16:00:00Z");
    }

    @Test
    void unpublishMidWeekStopsEveryLaterDay() throws Exception {
        at("2026-06-30T10:00:00Z");
        String promotion = week(1, "PUBLISHED", "09:00");
        harness.processElement(published(1, promotion), 0);
        assertThat(advanceHourlyUntil("2026-07-03T12:00:00Z")).hasSize(3);

        harness.processElement(unpublished(2, promotion), 0);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(advanceHourlyUntil("2026-07-10T00:00:00Z")).isEmpty();
    }

    @Test
    void snapshotAndRestoreAcrossAFireTimeMissesNoDayAndRepeatsNone() throws Exception {
        at("2026-06-30T10:00:00Z");
        harness.processElement(published(1, week(1, "PUBLISHED", "09:00")), 0);
        List<DueOccurrence> before = advanceHourlyUntil("2026-07-02T20:00:00Z");
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();

        // The task dies; it comes back after the 2026-07-03 09:00 fire time has passed.
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        at("2026-07-03T07:30:00Z");
        List<DueOccurrence> after = new ArrayList<>(drain());
        after.addAll(advanceHourlyUntil("2026-07-10T00:00:00Z"));

        List<String> days = new ArrayList<>();
        before.forEach(due -> days.add(due.day));
        after.forEach(due -> days.add(due.day));
        assertThat(days).containsExactly(
                "2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04",
                "2026-07-05", "2026-07-06", "2026-07-07", "2026-07-08");
    }

    @Test
    void restoreAfterALongOutageSendsOnlyTodayNotTheMissedDays() throws Exception {
        at("2026-06-30T10:00:00Z");
        harness.processElement(published(1, week(1, "PUBLISHED", "09:00")), 0);
        advanceHourlyUntil("2026-07-02T08:00:00Z");
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        at("2026-07-05T12:00:00Z");
        assertThat(drain()).extracting(due -> due.day).containsExactly("2026-07-05");
    }

    @Test
    void republishingTheSameVersionSendsNothingTwice() throws Exception {
        at("2026-07-02T10:00:00Z");
        String promotion = week(1, "PUBLISHED", "09:00");
        harness.processElement(published(1, promotion), 0);
        harness.processElement(published(2, promotion), 0);
        assertThat(drain()).extracting(due -> due.day).containsExactly("2026-07-02");
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    }

    private void at(String instant) throws Exception {
        harness.setProcessingTime(Instant.parse(instant).toEpochMilli());
    }

    /** Moves processing time forward an hour at a time; returns what was emitted on the way. */
    private List<DueOccurrence> advanceHourlyUntil(String end) throws Exception {
        List<DueOccurrence> out = new ArrayList<>(drain());
        long until = Instant.parse(end).toEpochMilli();
        for (long t = harness.getProcessingTime() + Duration.ofHours(1).toMillis(); t <= until;
                t += Duration.ofHours(1).toMillis()) {
            harness.setProcessingTime(t);
            out.addAll(drain());
        }
        return out;
    }

    private List<DueOccurrence> drain() {
        List<DueOccurrence> values = new ArrayList<>(harness.extractOutputValues());
        harness.getOutput().clear();
        emitted.addAll(values);
        return values;
    }
}

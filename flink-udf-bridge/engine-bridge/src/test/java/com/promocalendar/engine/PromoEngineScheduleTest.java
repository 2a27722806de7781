package com.promocalendar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bridge gives the answers of shared/spec/schedule.md (the engine's spec cases). */
class PromoEngineScheduleTest {

    private static final ZoneOffset CEST = ZoneOffset.ofHours(2);
    private static final ZoneOffset CET = ZoneOffset.ofHours(1);

    private static PromoEngine engine;

    @BeforeAll
    static void createEngine() {
        engine = PromoEngine.create();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void workedExampleHasThreeOccurrencesAndNoneAtTheExclusiveEnd() {
        assertThat(engine.occurrences(Promotions.workedExample())).containsExactly(
                new Occurrence(0, LocalDate.parse("2026-07-01"), Instant.parse("2026-07-01T12:00:00Z"), CEST,
                        LocalTime.of(14, 0), LocalTimeResolution.EXACT),
                new Occurrence(1, LocalDate.parse("2026-07-02"), Instant.parse("2026-07-02T07:00:00Z"), CEST,
                        LocalTime.of(9, 0), LocalTimeResolution.EXACT),
                new Occurrence(2, LocalDate.parse("2026-07-03"), Instant.parse("2026-07-03T07:00:00Z"), CEST,
                        LocalTime.of(9, 0), LocalTimeResolution.EXACT));
    }

    @Test
    void checkedPromotionResolvesStartAndEnd() {
        try (CheckedPromotion promotion = engine.check(Promotions.workedExample())) {
            assertThat(promotion.start()).isEqualTo(new ResolvedDateTime(LocalDateTime.parse("2026-07-01T14:00"),
                    Instant.parse("2026-07-01T12:00:00Z"), CEST, LocalTimeResolution.EXACT));
            assertThat(promotion.end()).isEqualTo(new ResolvedDateTime(LocalDateTime.parse("2026-07-04T09:00"),
                    Instant.parse("2026-07-04T07:00:00Z"), CEST, LocalTimeResolution.EXACT));
        }
    }

    @Test
    void startInTheGapAndEndInTheOverlapSayHowTheyWereResolved() {
        try (CheckedPromotion promotion = engine.check(
                Promotions.json("Europe/Berlin", "2026-03-29T02:30", "2026-10-25T02:30", "12:00"))) {
            assertThat(promotion.start()).isEqualTo(new ResolvedDateTime(LocalDateTime.parse("2026-03-29T02:30"),
                    Instant.parse("2026-03-29T01:30:00Z"), CEST, LocalTimeResolution.GAP_MOVED_LATER));
            assertThat(promotion.end()).isEqualTo(new ResolvedDateTime(LocalDateTime.parse("2026-10-25T02:30"),
                    Instant.parse("2026-10-25T00:30:00Z"), CEST, LocalTimeResolution.OVERLAP_EARLIER_OFFSET));
            assertThat(promotion.occurrences().get(0).localTime()).isEqualTo(LocalTime.of(3, 30));
        }
    }

    @Test
    void theRenderedDayComesFromTheSameCheckedPromotion() {
        try (CheckedPromotion promotion = engine.check(Promotions.workedExample())) {
            assertThat(promotion.renderMessagesJson(1, "[{\"userId\":\"u-1\",\"username\":\"ada\"}]"))
                    .contains("\"day\":\"2026-07-02\"").contains("\"recipientId\":\"u-1\"");
            assertThat(promotion.occurrences()).hasSize(3);
        }
    }

    @Test
    void nextFireIsStrictlyAfterTheGivenInstant() {
        try (CheckedPromotion schedule = engine.check(Promotions.workedExample())) {
            assertThat(schedule.nextFire(Instant.parse("2026-06-30T00:00:00Z")))
                    .map(Occurrence::index).contains(0);
            assertThat(schedule.nextFire(Instant.parse("2026-07-01T12:00:00Z")))
                    .map(Occurrence::day).contains(LocalDate.parse("2026-07-02"));
            assertThat(schedule.nextFire(Instant.parse("2026-07-03T07:00:00Z"))).isEmpty();
        }
    }

    @Test
    void dueAtSendsTodayLateButNeverAfterTheEnd() {
        try (CheckedPromotion schedule = engine.check(Promotions.workedExample())) {
            assertThat(schedule.dueAt(Instant.parse("2026-07-01T11:59:59Z"))).isEmpty();
            assertThat(schedule.dueAt(Instant.parse("2026-07-01T12:00:00Z"))).map(Occurrence::index).contains(0);
            assertThat(schedule.dueAt(Instant.parse("2026-07-02T20:00:00Z"))).map(Occurrence::index).contains(1);
            assertThat(schedule.dueAt(Instant.parse("2026-07-04T06:59:59Z"))).map(Occurrence::index).contains(2);
            assertThat(schedule.dueAt(Instant.parse("2026-07-04T07:00:00Z"))).isEmpty();
        }
    }

    @Test
    void sendTimeInTheSpringGapMovesLaterByTheGap() {
        List<Occurrence> occurrences = engine.occurrences(
                Promotions.json("Europe/Berlin", "2026-03-28T10:00", "2026-03-31T00:00", "02:30"));
        assertThat(occurrences).extracting(Occurrence::fireAt).containsExactly(
                Instant.parse("2026-03-28T09:00:00Z"),
                Instant.parse("2026-03-29T01:30:00Z"),   // 02:30 does not exist: 03:30 CEST
                Instant.parse("2026-03-30T00:30:00Z"));
        assertThat(occurrences).extracting(Occurrence::offset).containsExactly(CET, CEST, CEST);
        assertThat(occurrences).extracting(Occurrence::resolution).containsExactly(
                LocalTimeResolution.EXACT, LocalTimeResolution.GAP_MOVED_LATER, LocalTimeResolution.EXACT);
        assertThat(occurrences).extracting(Occurrence::requestedTime).containsExactly(
                LocalTime.of(10, 0), LocalTime.of(2, 30), LocalTime.of(2, 30));
        assertThat(occurrences).extracting(Occurrence::localTime).containsExactly(
                LocalTime.of(10, 0), LocalTime.of(3, 30), LocalTime.of(2, 30));
    }

    @Test
    void sendTimeInTheAutumnOverlapTakesTheEarlierInstant() {
        List<Occurrence> occurrences = engine.occurrences(
                Promotions.json("Europe/Berlin", "2026-10-24T12:00", "2026-10-27T00:00", "02:30"));
        assertThat(occurrences).extracting(Occurrence::fireAt).containsExactly(
                Instant.parse("2026-10-24T10:00:00Z"),
                Instant.parse("2026-10-25T00:30:00Z"),   // 02:30 happens twice: the CEST one
                Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(occurrences).extracting(Occurrence::offset).containsExactly(CEST, CEST, CET);
        assertThat(occurrences).extracting(Occurrence::resolution).containsExactly(
                LocalTimeResolution.EXACT, LocalTimeResolution.OVERLAP_EARLIER_OFFSET, LocalTimeResolution.EXACT);
    }

    @Test
    void dailySendTimeDefaultsToTheTimeOfDayOfTheStart() {
        assertThat(engine.occurrences(Promotions.json("America/New_York", "2026-01-10T08:15", "2026-01-12T23:00", null)))
                .extracting(Occurrence::fireAt)
                .containsExactly(
                        Instant.parse("2026-01-10T13:15:00Z"),
                        Instant.parse("2026-01-11T13:15:00Z"),
                        Instant.parse("2026-01-12T13:15:00Z"));
    }

    @Test
    void convenienceQueriesAgreeWithTheScheduleHandle() {
        String promotion = Promotions.workedExample();
        Instant at = Instant.parse("2026-07-02T08:00:00Z");
        try (CheckedPromotion schedule = engine.check(promotion)) {
            assertThat(engine.nextFire(promotion, at)).isEqualTo(schedule.nextFire(at));
            assertThat(engine.dueAt(promotion, at)).isEqualTo(schedule.dueAt(at));
        }
    }
}

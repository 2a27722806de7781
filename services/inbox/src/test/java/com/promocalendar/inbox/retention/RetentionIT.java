package com.promocalendar.inbox.retention;

import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.IntegrationTest;

/** Messages live in monthly partitions of `day`; retention drops a month once every promotion in it ended long enough ago. */
class RetentionIT extends IntegrationTest {

    @Autowired
    private MessageRetention retention;

    @Autowired
    private Partitions partitions;

    @Test
    void theMessageTableIsPartitionedByDayAndADayWithoutAPartitionGetsOne() {
        assertThat(jdbc.queryForObject("SELECT relkind::text FROM pg_class WHERE relname = 'message'", String.class))
                .isEqualTo("p");
        LocalDate farDay = LocalDate.now().plusMonths(7).withDayOfMonth(10);
        Instant ends = farDay.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();

        deliver(dayBatch("far", farDay, ends, List.of(ALICE.userId())));
        JsonNode again = deliver(dayBatch("far", farDay, ends, List.of(ALICE.userId()))).json();

        assertThat(again.path("duplicates").asInt()).as("exactly once across partitions too").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT tableoid::regclass::text FROM message WHERE promotion_id = 'far'", String.class))
                .isEqualTo("message_" + farDay.getYear() + "_" + String.format("%02d", farDay.getMonthValue()));
        assertThat(http.get(ALICE, "/api/inbox/promotions/far/messages").json().path("items")).hasSize(1);
    }

    @Test
    void aMonthIsDroppedOnlyWhenEveryPromotionInItEndedLongerAgoThanTheRetention() {
        LocalDate day = LocalDate.now().plusMonths(4).withDayOfMonth(3);
        Instant shortEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        // a month can go only once no day of it can still arrive: 91 days after the month's end
        Instant monthOver = day.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = monthOver.plus(Duration.ofDays(91));
        Instant longEnd = monthOver.plus(Duration.ofDays(30)); // ended 61 days before `now`: kept
        deliver(dayBatch("short", day, shortEnd, List.of(ALICE.userId())));
        deliver(dayBatch("long", day.plusDays(1), longEnd, List.of(BOB.userId())));
        String month = "message_" + day.getYear() + "_" + String.format("%02d", day.getMonthValue());

        List<String> early = retention.dropExpired(now);
        assertThat(early).as("the long promotion's message keeps the month").doesNotContain(month);
        assertThat(storedMessages()).isEqualTo(2);

        promotionState("long", 1, "PUBLISHED", shortEnd, null); // its end moved earlier: the month can go
        List<String> later = retention.dropExpired(now);

        assertThat(later).contains(month);
        assertThat(storedMessages()).isZero();
        assertThat(partitions.list()).extracting(Partitions.Partition::name).doesNotContain(month);
    }
}

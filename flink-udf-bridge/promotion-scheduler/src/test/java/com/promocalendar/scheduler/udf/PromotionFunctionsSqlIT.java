package com.promocalendar.scheduler.udf;

import static org.assertj.core.api.Assertions.assertThat;

import com.promocalendar.scheduler.TestPromotions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NEXT_FIRE and OCCURRENCES registered as SQL functions and queried on a Flink MiniCluster. */
class PromotionFunctionsSqlIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final String WORKED_EXAMPLE = TestPromotions.json("p-sql", 1, "PUBLISHED", "Europe/Berlin",
            "2026-07-01T14:00", "2026-07-04T09:00", "09:00");

    private StreamTableEnvironment tables;

    @BeforeEach
    void registerFunctions() {
        StreamExecutionEnvironment environment = StreamExecutionEnvironment.getExecutionEnvironment();
        environment.setParallelism(1);
        tables = StreamTableEnvironment.create(environment);
        tables.getConfig().set("table.local-time-zone", "UTC");
        tables.executeSql("CREATE TEMPORARY SYSTEM FUNCTION NEXT_FIRE AS '" + NextFireFunction.class.getName() + "'");
        tables.executeSql("CREATE TEMPORARY SYSTEM FUNCTION OCCURRENCES AS '" + OccurrencesFunction.class.getName() + "'");
    }

    @Test
    void nextFireAnswersPerRowFromTheEngine() throws Exception {
        long startOfJuly2 = Instant.parse("2026-07-02T00:00:00Z").toEpochMilli();
        long lastFire = Instant.parse("2026-07-03T07:00:00Z").toEpochMilli();
        List<Row> rows = collect("""
                SELECT label, NEXT_FIRE(promotion, TO_TIMESTAMP_LTZ(after_millis, 3)) AS next_fire
                FROM (VALUES ('before-start', '%1$s', CAST(0 AS BIGINT)),
                             ('night-of-july-2', '%1$s', CAST(%2$d AS BIGINT)),
                             ('after-last', '%1$s', CAST(%3$d AS BIGINT)))
                  AS t(label, promotion, after_millis)
                """.formatted(WORKED_EXAMPLE, startOfJuly2, lastFire));

        assertThat(rows).extracting(row -> row.getField(0), row -> row.getField(1)).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("before-start", Instant.parse("2026-07-01T12:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("night-of-july-2", Instant.parse("2026-07-02T07:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("after-last", null));
    }

    @Test
    void occurrencesListsEveryDayOfThePromotionAsRows() throws Exception {
        List<Row> rows = collect("""
                SELECT o.occurrence_index, o.local_day, o.fire_at, o.utc_offset_seconds
                FROM (VALUES ('%s')) AS p(promotion),
                     LATERAL TABLE(OCCURRENCES(promotion)) AS o(occurrence_index, local_day, fire_at, utc_offset_seconds)
                """.formatted(WORKED_EXAMPLE));

        assertThat(rows).extracting(row -> row.getField(0), row -> row.getField(1), row -> row.getField(2), row -> row.getField(3))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, LocalDate.parse("2026-07-01"), Instant.parse("2026-07-01T12:00:00Z"), 7200),
                        org.assertj.core.groups.Tuple.tuple(1, LocalDate.parse("2026-07-02"), Instant.parse("2026-07-02T07:00:00Z"), 7200),
                        org.assertj.core.groups.Tuple.tuple(2, LocalDate.parse("2026-07-03"), Instant.parse("2026-07-03T07:00:00Z"), 7200));
    }

    private List<Row> collect(String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> iterator = tables.executeSql(query).collect()) {
            iterator.forEachRemaining(rows::add);
        }
        return rows;
    }
}

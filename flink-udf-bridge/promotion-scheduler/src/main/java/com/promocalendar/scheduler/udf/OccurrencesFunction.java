package com.promocalendar.scheduler.udf;

import com.promocalendar.engine.Occurrence;
import com.promocalendar.engine.PromoEngine;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/**
 * {@code OCCURRENCES(promotionJson)}: one row per daily message of the promotion, from the
 * engine component: {@code occurrence_index}, the local {@code day}, {@code fire_at} and the
 * {@code utc_offset_seconds} in force then. Use with {@code LATERAL TABLE(...)}. An invalid
 * promotion fails the query with the engine's message naming the field.
 */
@FunctionHint(output = @DataTypeHint(
        "ROW<occurrence_index INT, `day` DATE, fire_at TIMESTAMP_LTZ(3), utc_offset_seconds INT>"))
public class OccurrencesFunction extends TableFunction<Row> {

    private static final long serialVersionUID = 1L;

    private transient PromoEngine engine;

    @Override
    public void open(FunctionContext context) {
        engine = PromoEngine.create();
    }

    public void eval(String promotionJson) {
        if (promotionJson == null) {
            return;
        }
        for (Occurrence occurrence : engine.occurrences(promotionJson)) {
            collect(Row.of(occurrence.index(), occurrence.day(), occurrence.fireAt(),
                    occurrence.offset().getTotalSeconds()));
        }
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}

package com.promocalendar.scheduler.udf;

import com.promocalendar.engine.CheckedPromotion;
import com.promocalendar.engine.PromoEngine;
import java.time.Instant;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code NEXT_FIRE(promotionJson, after)}: the instant of the promotion's first message strictly
 * after {@code after}, or {@code NULL} when none is left; asks the engine component. An invalid
 * promotion fails the query with the engine's message naming the field.
 *
 * <p>Rows usually repeat a promotion, so the last planned schedule is kept and reused while the
 * JSON is the same.
 */
public class NextFireFunction extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    private transient PromoEngine engine;
    private transient String plannedJson;
    private transient CheckedPromotion planned;

    @Override
    public void open(FunctionContext context) {
        engine = PromoEngine.create();
    }

    public @DataTypeHint("TIMESTAMP_LTZ(3)") Instant eval(
            String promotionJson, @DataTypeHint("TIMESTAMP_LTZ(3)") Instant after) {
        if (promotionJson == null || after == null) {
            return null;
        }
        return scheduleOf(promotionJson).nextFire(after).map(occurrence -> occurrence.fireAt()).orElse(null);
    }

    private CheckedPromotion scheduleOf(String promotionJson) {
        if (!promotionJson.equals(plannedJson)) {
            CheckedPromotion schedule = engine.check(promotionJson);
            if (planned != null) {
                planned.close();
            }
            planned = schedule;
            plannedJson = promotionJson;
        }
        return planned;
    }

    @Override
    public void close() {
        if (planned != null) {
            planned.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}

package com.promocalendar.scheduler.bridge;

import com.promocalendar.engine.CheckedPromotion;
import com.promocalendar.engine.PromoEngine;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine and the planned schedules of one operator instance: each promotion is checked
 * once per version of its JSON, and queried through its {@link CheckedPromotion} handle (one
 * cheap JNI call per question). Not thread-safe: a Flink operator calls it from its task thread.
 * Everything is released in {@link #close()}.
 */
public final class PlannedSchedules implements AutoCloseable {

    private record Planned(String promotionJson, CheckedPromotion schedule) {}

    private final PromoEngine engine;
    private final Map<String, Planned> byPromotionId = new HashMap<>();

    public PlannedSchedules(PromoEngine engine) {
        this.engine = engine;
    }

    /** Opens the engine (loads the native library once per class loader). */
    public static PlannedSchedules open() {
        return new PlannedSchedules(PromoEngine.create());
    }

    /**
     * The schedule of this JSON of the promotion, planned now if the JSON changed.
     *
     * @throws com.promocalendar.engine.InvalidPromotionException if the engine rejects it
     */
    public CheckedPromotion of(String promotionId, String promotionJson) {
        Planned planned = byPromotionId.get(promotionId);
        if (planned != null && planned.promotionJson().equals(promotionJson)) {
            return planned.schedule();
        }
        CheckedPromotion schedule = engine.check(promotionJson);
        if (planned != null) {
            planned.schedule().close();
        }
        byPromotionId.put(promotionId, new Planned(promotionJson, schedule));
        return schedule;
    }

    /** Releases the promotion's schedule, if planned. */
    public void forget(String promotionId) {
        Planned planned = byPromotionId.remove(promotionId);
        if (planned != null) {
            planned.schedule().close();
        }
    }

    @Override
    public void close() {
        byPromotionId.values().forEach(planned -> planned.schedule().close());
        byPromotionId.clear();
        engine.close();
    }
}

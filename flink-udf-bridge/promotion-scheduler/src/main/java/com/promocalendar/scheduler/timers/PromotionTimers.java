package com.promocalendar.scheduler.timers;

import com.promocalendar.engine.CheckedPromotion;
import com.promocalendar.engine.InvalidPromotionException;
import com.promocalendar.engine.Occurrence;
import com.promocalendar.scheduler.bridge.PlannedSchedules;
import com.promocalendar.scheduler.source.PromotionChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when each day of a published promotion is due (plan.md 4.2), keyed by promotion id.
 *
 * <p>On a change that leaves the promotion published: emit {@code dueAt(now)} if that day was
 * not emitted yet (a late publish still sends today's message, earlier days are never
 * replayed), then set one processing-time timer at {@code nextFire(now)}. On the timer: the
 * same step at the new {@code now}. On any other change (unpublished, draft, deleted): delete
 * the timer and the state. Every time comes from the engine; the only state is the promotion
 * JSON, the last emitted day (so an edit or a restore never sends a day twice) and the timer.
 */
public final class PromotionTimers extends KeyedProcessFunction<String, PromotionChange, DueOccurrence> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PromotionTimers.class);

    private transient ValueState<String> promotionJson;
    private transient ValueState<String> lastEmittedDay;
    private transient ValueState<Long> timer;
    private transient PlannedSchedules schedules;
    private transient Counter emittedDays;
    private transient Counter rejectedPromotions;

    @Override
    public void open(OpenContext openContext) {
        promotionJson = getRuntimeContext().getState(new ValueStateDescriptor<>("promotion-json", String.class));
        lastEmittedDay = getRuntimeContext().getState(new ValueStateDescriptor<>("last-emitted-day", String.class));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Long.class));
        schedules = PlannedSchedules.open();
        emittedDays = getRuntimeContext().getMetricGroup().counter("emittedDays");
        rejectedPromotions = getRuntimeContext().getMetricGroup().counter("rejectedPromotions");
    }

    @Override
    public void processElement(PromotionChange change, Context context, Collector<DueOccurrence> out)
            throws Exception {
        String promotionId = context.getCurrentKey();
        if (!change.isPublished()) {
            stop(promotionId, context);
            return;
        }
        promotionJson.update(change.promotionJson);
        catchUp(promotionId, context.timerService().currentProcessingTime(), context, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<DueOccurrence> out) throws Exception {
        timer.clear();
        catchUp(context.getCurrentKey(), context.timerService().currentProcessingTime(), context, out);
    }

    /** Emits the day due at {@code now} unless already emitted, and sets the timer of the next. */
    private void catchUp(String promotionId, long now, Context context, Collector<DueOccurrence> out)
            throws Exception {
        String json = promotionJson.value();
        CheckedPromotion schedule;
        try {
            schedule = schedules.of(promotionId, json);
        } catch (InvalidPromotionException e) {
            // The calendar validates with the same engine, so this means a bug, not an admin's typo.
            LOG.error("promotion {} rejected by the engine, not scheduling it: {}", promotionId, e.getMessage());
            rejectedPromotions.inc();
            stop(promotionId, context);
            return;
        }
        Instant at = Instant.ofEpochMilli(now);
        Optional<Occurrence> due = schedule.dueAt(at);
        if (due.isPresent() && notYetEmitted(due.get().day())) {
            out.collect(new DueOccurrence(promotionId, json, due.get()));
            lastEmittedDay.update(due.get().day().toString());
            emittedDays.inc();
        }
        Optional<Occurrence> next = schedule.nextFire(at);
        long wanted;
        if (next.isPresent()) {
            wanted = next.get().fireAt().toEpochMilli();
        } else if (due.isPresent()) {
            // The last day went out; wake up once more at the end to drop the state.
            wanted = schedule.end().instant().toEpochMilli();
        } else {
            // Ended (or nothing left): nothing will ever be due again.
            stop(promotionId, context);
            return;
        }
        Long registered = timer.value();
        if (registered != null && registered != wanted) {
            context.timerService().deleteProcessingTimeTimer(registered);
        }
        if (registered == null || registered != wanted) {
            context.timerService().registerProcessingTimeTimer(wanted);
            timer.update(wanted);
        }
    }

    private boolean notYetEmitted(LocalDate day) throws Exception {
        String last = lastEmittedDay.value();
        return last == null || day.isAfter(LocalDate.parse(last));
    }

    private void stop(String promotionId, Context context) throws Exception {
        Long registered = timer.value();
        if (registered != null) {
            context.timerService().deleteProcessingTimeTimer(registered);
        }
        timer.clear();
        promotionJson.clear();
        lastEmittedDay.clear();
        schedules.forget(promotionId);
    }

    @Override
    public void close() throws Exception {
        if (schedules != null) {
            schedules.close();
        }
        super.close();
    }
}

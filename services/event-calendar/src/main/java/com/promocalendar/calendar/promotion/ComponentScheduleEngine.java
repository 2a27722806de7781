package com.promocalendar.calendar.promotion;

import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.promocalendar.calendar.problem.FieldError;
import com.promocalendar.engine.InvalidPromotionException;
import com.promocalendar.engine.PromoEngine;
import com.promocalendar.engine.PromotionSchedule;

/** The {@link ScheduleEngine} backed by the engine WebAssembly component, called through the JNI bridge. */
@Component
class ComponentScheduleEngine implements ScheduleEngine, DisposableBean {

    private final PromoEngine engine = PromoEngine.create();

    @Override
    public Interval check(String promotionJson) {
        try {
            engine.validate(promotionJson);
            try (PromotionSchedule schedule = engine.schedule(promotionJson)) {
                return new Interval(schedule.starts(), schedule.ends());
            }
        } catch (InvalidPromotionException e) {
            throw new Rejected(fieldErrors(e));
        }
    }

    @Override
    public List<Occurrence> occurrences(String promotionJson) {
        try {
            return engine.occurrences(promotionJson).stream()
                    .map(occurrence -> new Occurrence(occurrence.index(), occurrence.day(), occurrence.fireAt()))
                    .toList();
        } catch (InvalidPromotionException e) {
            throw new Rejected(fieldErrors(e));
        }
    }

    @Override
    public String renderMessagesJson(String promotionJson, int occurrenceIndex, String recipientsJson) {
        try {
            return engine.renderMessagesJson(promotionJson, occurrenceIndex, recipientsJson);
        } catch (InvalidPromotionException e) {
            throw new Rejected(fieldErrors(e));
        }
    }

    private static List<FieldError> fieldErrors(InvalidPromotionException e) {
        return e.errors().stream().map(error -> new FieldError(error.field(), error.message())).toList();
    }

    @Override
    public void destroy() {
        engine.close();
    }
}

package com.promocalendar.calendar.promotion;

import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.promocalendar.calendar.problem.FieldError;
import com.promocalendar.engine.InvalidPromotionException;
import com.promocalendar.engine.PromoEngine;
import com.promocalendar.engine.ResolvedDateTime;

/**
 * The {@link ScheduleEngine} backed by the engine WebAssembly component, called through the JNI
 * bridge: one {@code check} per request reads the promotion JSON once, and the same native handle
 * answers the interval, the occurrences and the sample message.
 */
@Component
class ComponentScheduleEngine implements ScheduleEngine, DisposableBean {

    private final PromoEngine engine = PromoEngine.create();

    @Override
    public CheckedPromotion check(String promotionJson) {
        try {
            return new Checked(engine.check(promotionJson));
        } catch (InvalidPromotionException e) {
            throw new Rejected(fieldErrors(e));
        }
    }

    private record Checked(com.promocalendar.engine.CheckedPromotion promotion) implements CheckedPromotion {

        @Override
        public ResolvedTime start() {
            return resolved(promotion.start());
        }

        @Override
        public ResolvedTime end() {
            return resolved(promotion.end());
        }

        @Override
        public List<Occurrence> occurrences() {
            return promotion.occurrences().stream()
                    .map(o -> new Occurrence(o.index(), o.day(), o.fireAt(), o.offset(), o.requestedTime(),
                            resolution(o.resolution())))
                    .toList();
        }

        @Override
        public String renderMessagesJson(int occurrenceIndex, String recipientsJson) {
            try {
                return promotion.renderMessagesJson(occurrenceIndex, recipientsJson);
            } catch (InvalidPromotionException e) {
                throw new Rejected(fieldErrors(e));
            }
        }

        @Override
        public void close() {
            promotion.close();
        }
    }

    private static ResolvedTime resolved(ResolvedDateTime time) {
        return new ResolvedTime(time.requested(), time.instant(), time.offset(), resolution(time.resolution()));
    }

    private static Resolution resolution(com.promocalendar.engine.LocalTimeResolution resolution) {
        return Resolution.valueOf(resolution.name());
    }

    private static List<FieldError> fieldErrors(InvalidPromotionException e) {
        return e.errors().stream().map(error -> new FieldError(error.field(), error.message())).toList();
    }

    @Override
    public void destroy() {
        engine.close();
    }
}

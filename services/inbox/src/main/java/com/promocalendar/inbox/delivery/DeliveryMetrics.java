package com.promocalendar.inbox.delivery;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the batches did to each message, for the shop's alerts
 * ({@code promo_inbox_messages_total{outcome}} on /actuator/prometheus): a
 * message the inbox refuses inside an otherwise stored batch answers 200, so
 * only this counter (and the job's log line) tells that someone missed a day.
 */
@Component
class DeliveryMetrics {

    private final Counter inserted;
    private final Counter duplicates;
    private final Counter suppressed;
    private final Counter refused;

    DeliveryMetrics(MeterRegistry registry) {
        this.inserted = outcome(registry, "inserted");
        this.duplicates = outcome(registry, "duplicate");
        this.suppressed = outcome(registry, "suppressed");
        this.refused = outcome(registry, "refused");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("promo.inbox.messages")
                .description("Messages of the job's batches by what the inbox did with them")
                .tag("outcome", outcome)
                .register(registry);
    }

    void record(BatchResult result) {
        inserted.increment(result.inserted());
        duplicates.increment(result.duplicates());
        suppressed.increment(result.suppressed());
        refused.increment(result.refused().size());
    }
}

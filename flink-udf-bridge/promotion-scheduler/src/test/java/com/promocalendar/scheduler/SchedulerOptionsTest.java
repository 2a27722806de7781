package com.promocalendar.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class SchedulerOptionsTest {

    @Test
    void theClientSecretHasNoDefault() {
        Configuration options = SchedulerOptions.fromEnvironmentAndArguments(Map.of(), new String[0]);

        assertThatThrownBy(() -> SchedulerOptions.changeFeed(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("promo.scheduler.client-secret")
                .hasMessageContaining("PROMO_SCHEDULER_CLIENT_SECRET");
    }

    @Test
    void argumentsOverrideTheEnvironment() {
        Configuration options = SchedulerOptions.fromEnvironmentAndArguments(
                Map.of("PROMO_SCHEDULER_CLIENT_SECRET", "from-env", "CALENDAR_URL", "http://calendar:8080"),
                new String[] {"--promo.calendar.url", "http://other:8080", "--promo.jobsink.url=http://sink/ns/name"});

        assertThat(SchedulerOptions.changeFeed(options).clientSecret()).isEqualTo("from-env");
        assertThat(options.get(SchedulerOptions.CALENDAR_URL)).isEqualTo("http://other:8080");
        assertThat(options.get(SchedulerOptions.JOBSINK_URL)).isEqualTo("http://sink/ns/name");
    }
}

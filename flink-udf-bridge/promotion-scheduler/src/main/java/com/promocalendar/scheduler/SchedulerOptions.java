package com.promocalendar.scheduler;

import static org.apache.flink.configuration.ConfigOptions.key;

import com.promocalendar.scheduler.sink.JobSinkSettings;
import com.promocalendar.scheduler.source.ChangeFeedSettings;
import com.promocalendar.scheduler.source.ServiceAccountTokens;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Every setting of the PromotionScheduler job, with its default (the local ports of
 * contracts.md). Set them as {@code --key value} program arguments, in the Flink configuration,
 * or through the environment variables named in {@link #ENVIRONMENT}.
 */
public final class SchedulerOptions {

    public static final ConfigOption<String> CALENDAR_URL = key("promo.calendar.url")
            .stringType()
            .defaultValue("http://127.0.0.1:8081")
            .withDescription("Base URL of the event-calendar service whose change feed is read.");

    public static final ConfigOption<String> KEYCLOAK_URL = key("promo.keycloak.url")
            .stringType()
            .defaultValue("http://127.0.0.1:8180")
            .withDescription("Base URL of Keycloak, which issues the service-account token.");

    public static final ConfigOption<String> KEYCLOAK_REALM = key("promo.keycloak.realm")
            .stringType()
            .defaultValue("shop")
            .withDescription("Keycloak realm of the scheduler's client.");

    public static final ConfigOption<String> CLIENT_ID = key("promo.scheduler.client-id")
            .stringType()
            .defaultValue("promo-scheduler")
            .withDescription("Confidential client with the realm role calendar-reader.");

    public static final ConfigOption<String> CLIENT_SECRET = key("promo.scheduler.client-secret")
            .stringType()
            .noDefaultValue()
            .withDescription("Secret of the client. Required, no default: set PROMO_SCHEDULER_CLIENT_SECRET "
                    + "(a Kubernetes Secret in the cluster, the realm file's locally).");

    public static final ConfigOption<Duration> POLL_INTERVAL = key("promo.change-feed.poll-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(2))
            .withDescription("Pause between polls of the change feed when it had nothing new.");

    public static final ConfigOption<Integer> BATCH_SIZE = key("promo.change-feed.batch-size")
            .intType()
            .defaultValue(100)
            .withDescription("Changes asked for per poll (the limit parameter).");

    public static final ConfigOption<String> INITIAL_CURSOR = key("promo.change-feed.initial-cursor")
            .stringType()
            .noDefaultValue()
            .withDescription("Cursor to start after when no checkpoint exists; unset reads the feed from the beginning.");

    public static final ConfigOption<String> JOBSINK_URL = key("promo.jobsink.url")
            .stringType()
            .defaultValue("http://127.0.0.1:8090/promo-calendar/promo-day")
            .withDescription("URL the promo.occurrence.due CloudEvents are posted to: the Knative JobSink's address "
                    + "http://job-sink.knative-eventing.svc.cluster.local/<namespace>/<jobsink-name>, locally promo jobsink.");

    public static final ConfigOption<Integer> JOBSINK_MAX_RETRIES = key("promo.jobsink.max-retries")
            .intType()
            .defaultValue(8)
            .withDescription("Retries of one event before the task fails and restarts from its last checkpoint.");

    public static final ConfigOption<Duration> JOBSINK_INITIAL_BACKOFF = key("promo.jobsink.initial-backoff")
            .durationType()
            .defaultValue(Duration.ofMillis(250))
            .withDescription("First pause between delivery attempts; doubles on each retry.");

    public static final ConfigOption<Duration> JOBSINK_MAX_BACKOFF = key("promo.jobsink.max-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Longest pause between delivery attempts.");

    public static final ConfigOption<String> JOBSINK_TOKEN_FILE = key("promo.jobsink.token-file")
            .stringType()
            .noDefaultValue()
            .withDescription("File with the bearer token sent with each event: the projected service-account token "
                    + "Knative's OIDC authentication expects, locally the token promo jobsink checks. Unset: no token.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = key("promo.checkpoint-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("How often the source cursor and the timers are checkpointed.");

    /** Environment variables (lib.sh, Kubernetes) that set an option. */
    public static final Map<String, ConfigOption<?>> ENVIRONMENT = Map.of(
            "CALENDAR_URL", CALENDAR_URL,
            "KEYCLOAK_URL", KEYCLOAK_URL,
            "KEYCLOAK_REALM", KEYCLOAK_REALM,
            "JOBSINK_URL", JOBSINK_URL,
            "PROMO_SCHEDULER_CLIENT_SECRET", CLIENT_SECRET);

    private SchedulerOptions() {}

    /** The environment variables of {@link #ENVIRONMENT}, then {@code --key value} arguments on top. */
    public static Configuration fromEnvironmentAndArguments(Map<String, String> environment, String[] arguments) {
        Map<String, String> values = new HashMap<>();
        ENVIRONMENT.forEach((variable, option) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(option.key(), value);
            }
        });
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (!argument.startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got " + argument);
            }
            int equals = argument.indexOf('=');
            if (equals > 0) {
                values.put(argument.substring(2, equals), argument.substring(equals + 1));
            } else if (i + 1 < arguments.length) {
                values.put(argument.substring(2), arguments[++i]);
            } else {
                throw new IllegalArgumentException("missing value of " + argument);
            }
        }
        return Configuration.fromMap(values);
    }

    static ChangeFeedSettings changeFeed(Configuration configuration) {
        String secret = configuration.getOptional(CLIENT_SECRET)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(CLIENT_SECRET.key()
                        + " is not set: set PROMO_SCHEDULER_CLIENT_SECRET or --" + CLIENT_SECRET.key()
                        + " (there is no default secret)"));
        return new ChangeFeedSettings(
                URI.create(configuration.get(CALENDAR_URL)),
                ServiceAccountTokens.keycloakTokenEndpoint(configuration.get(KEYCLOAK_URL), configuration.get(KEYCLOAK_REALM)),
                configuration.get(CLIENT_ID),
                secret,
                configuration.get(POLL_INTERVAL),
                configuration.get(BATCH_SIZE),
                configuration.get(INITIAL_CURSOR));
    }

    static JobSinkSettings jobSink(Configuration configuration) {
        return new JobSinkSettings(
                URI.create(configuration.get(JOBSINK_URL)),
                configuration.get(JOBSINK_MAX_RETRIES),
                configuration.get(JOBSINK_INITIAL_BACKOFF),
                configuration.get(JOBSINK_MAX_BACKOFF),
                configuration.get(JOBSINK_TOKEN_FILE));
    }
}

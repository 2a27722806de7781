package com.promocalendar.scheduler;

import com.promocalendar.scheduler.sink.JobSinkEventSink;
import com.promocalendar.scheduler.source.ChangeFeedSource;
import com.promocalendar.scheduler.source.PromotionChange;
import com.promocalendar.scheduler.timers.DueOccurrence;
import com.promocalendar.scheduler.timers.PromotionTimers;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * PromotionScheduler: the calendar's change feed, keyed by promotion, turned into one
 * {@code promo.occurrence.due} CloudEvent per promotion day at the moment the engine says it is
 * due, posted to the JobSink (plan.md 4.2).
 *
 * <p>It runs on a Flink cluster: the FlinkDeployment of deploy/flink/ in production, the local
 * standalone session cluster of deploy/local/parts/80-scheduler.sh (submitted over the REST API,
 * so this {@code main} runs in the JobManager).
 */
public final class PromotionSchedulerJob {

    public static final String JOB_NAME = "PromotionScheduler";

    private PromotionSchedulerJob() {}

    public static void main(String[] arguments) throws Exception {
        Configuration overrides = SchedulerOptions.fromEnvironmentAndArguments(System.getenv(), arguments);
        StreamExecutionEnvironment environment = StreamExecutionEnvironment.getExecutionEnvironment();
        // On a cluster the promo.* keys come from the Flink configuration (the FlinkDeployment);
        // environment variables and program arguments override them.
        Configuration options = Configuration.fromMap(environment.getConfiguration().toMap());
        options.addAll(overrides);
        build(environment, options);
        environment.execute(JOB_NAME);
    }

    /** Adds the job's pipeline to {@code environment}; the integration test runs exactly this. */
    public static void build(StreamExecutionEnvironment environment, Configuration options) {
        environment.enableCheckpointing(options.get(SchedulerOptions.CHECKPOINT_INTERVAL).toMillis());
        DataStream<PromotionChange> changes = environment
                .fromSource(new ChangeFeedSource(SchedulerOptions.changeFeed(options)),
                        WatermarkStrategy.noWatermarks(), "promotion-changes")
                .uid("promotion-changes")
                .setParallelism(1);
        DataStream<DueOccurrence> due = changes
                .keyBy(change -> change.promotionId)
                .process(new PromotionTimers())
                .uid("promotion-timers")
                .name("promotion-timers");
        due.sinkTo(new JobSinkEventSink(SchedulerOptions.jobSink(options)))
                .uid("jobsink")
                .name("jobsink");
    }
}

package com.promocalendar.scheduler.sink;

import com.promocalendar.scheduler.timers.DueOccurrence;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.MetricGroup;

/** Delivers due days to the JobSink as CloudEvents (at-least-once; see {@link JobSinkWriter}). */
public final class JobSinkEventSink implements Sink<DueOccurrence> {

    private static final long serialVersionUID = 1L;

    private final JobSinkSettings settings;

    public JobSinkEventSink(JobSinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<DueOccurrence> createWriter(WriterInitContext context) {
        MetricGroup metrics = context.metricGroup();
        return new JobSinkWriter(settings, metrics.counter("postedEvents"), metrics.counter("sinkFailures"),
                metrics.counter("invalidEvents"));
    }
}

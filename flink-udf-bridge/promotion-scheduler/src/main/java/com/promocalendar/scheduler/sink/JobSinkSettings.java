package com.promocalendar.scheduler.sink;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * Where the sink posts due days and how hard it tries.
 *
 * @param url the JobSink (Knative) or the local {@code promo jobsink}
 * @param maxRetries retries of one event before the task fails (and Flink restarts it from the
 *     last checkpoint, which re-emits the day: at-least-once)
 * @param initialBackoff first pause between attempts; doubles up to {@code maxBackoff}
 * @param maxBackoff longest pause between attempts
 * @param tokenFile a file holding the bearer token sent with each event, read before every post
 *     (Kubernetes rotates a projected service-account token in place), or null for none
 */
public record JobSinkSettings(URI url, int maxRetries, Duration initialBackoff, Duration maxBackoff, String tokenFile)
        implements Serializable {}

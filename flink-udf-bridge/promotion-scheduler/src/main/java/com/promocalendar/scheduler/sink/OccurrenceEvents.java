package com.promocalendar.scheduler.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.scheduler.timers.DueOccurrence;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code promo.occurrence.due} CloudEvent of contracts.md, built and serialised with the
 * CloudEvents SDK (structured JSON mode, what a Knative JobSink mounts for the job).
 */
public final class OccurrenceEvents {

    public static final String TYPE = "promo.occurrence.due";
    public static final URI SOURCE = URI.create("/promo/scheduler");
    /** Content type of a structured-mode JSON CloudEvent. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat FORMAT = new JsonFormat();

    private OccurrenceEvents() {}

    /** The event of one due day; its id {@code {promotionId}/{day}} is the same on every retry. */
    public static CloudEvent of(DueOccurrence due) {
        ObjectNode data = JSON.createObjectNode();
        try {
            data.set("promotion", JSON.readTree(due.promotionJson));
        } catch (IOException e) {
            throw new UncheckedIOException("promotion " + due.promotionId + " is not JSON", e);
        }
        ObjectNode occurrence = data.putObject("occurrence");
        occurrence.put("index", due.index);
        occurrence.put("day", due.day);
        occurrence.put("fireAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.ofEpochMilli(due.fireAtEpochMillis).atOffset(ZoneOffset.ofTotalSeconds(due.utcOffsetSeconds))));
        return CloudEventBuilder.v1()
                .withId(due.promotionId + "/" + due.day)
                .withSource(SOURCE)
                .withType(TYPE)
                .withSubject(due.promotionId)
                .withDataContentType("application/json")
                .withData(JsonCloudEventData.wrap(data))
                .build();
    }

    /** The event in structured JSON mode. */
    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }
}

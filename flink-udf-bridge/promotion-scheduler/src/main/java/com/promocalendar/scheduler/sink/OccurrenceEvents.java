package com.promocalendar.scheduler.sink;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.regex.Pattern;

/**
 * The {@code promo.occurrence.due} CloudEvent of contracts.md, built and serialised with the
 * CloudEvents SDK (structured JSON mode, what a Knative JobSink mounts for the job).
 */
public final class OccurrenceEvents {

    public static final String TYPE = "promo.occurrence.due";
    /** Neither the source nor the id holds a {@code /}: released Knative versions put both into the
     * JobSink's {@code Location} path unescaped (contracts.md). */
    public static final URI SOURCE = URI.create("urn:promo-calendar:scheduler");
    /** Content type of a structured-mode JSON CloudEvent. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat FORMAT = new JsonFormat();
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private OccurrenceEvents() {}

    /** The event of one due day; its id {@code {promotionId}.{day}} is the same on every retry. */
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
                .withId(due.promotionId + "." + due.day)
                .withSource(SOURCE)
                .withType(TYPE)
                .withSubject(due.promotionId)
                .withDataContentType("application/json")
                .withData(JsonCloudEventData.wrap(data))
                .build();
    }

    /**
     * Checks an event against contracts.md before it is sent: the type, an id {@code
     * {promotionId}.{day}} and a source without {@code /}, and data with the promotion's id and
     * an occurrence {@code {index >= 0, day YYYY-MM-DD, fireAt}}.
     *
     * @return the event, if valid
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CloudEvent validate(CloudEvent event) {
        require(TYPE.equals(event.getType()), "type must be " + TYPE);
        require(!event.getSource().toString().contains("/"), "source must not contain '/'");
        require(event.getData() instanceof JsonCloudEventData, "data must be JSON");
        JsonNode data = ((JsonCloudEventData) event.getData()).getNode();
        String promotionId = data.path("promotion").path("id").asText("");
        require(!promotionId.isEmpty() && !promotionId.contains("/"), "data.promotion.id must be an id without '/'");
        JsonNode occurrence = data.path("occurrence");
        require(occurrence.path("index").canConvertToInt() && occurrence.path("index").asInt() >= 0,
                "data.occurrence.index must be a non-negative integer");
        String day = occurrence.path("day").asText("");
        require(DAY.matcher(day).matches(), "data.occurrence.day must be YYYY-MM-DD");
        require(occurrence.path("fireAt").isTextual(), "data.occurrence.fireAt must be an RFC 3339 instant");
        require(event.getId().equals(promotionId + "." + day), "id must be {promotionId}.{day}");
        return event;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The event in structured JSON mode. */
    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }
}

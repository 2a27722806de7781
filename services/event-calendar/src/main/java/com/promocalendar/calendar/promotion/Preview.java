package com.promocalendar.calendar.promotion;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.calendar.promotion.ScheduleEngine.Occurrence;
import com.promocalendar.calendar.promotion.ScheduleEngine.Resolution;
import com.promocalendar.calendar.promotion.ScheduleEngine.ResolvedTime;

/**
 * What customers will get and when, as the engine computes it: the start and the end
 * and every day's send time in the promotion's zone, each with the wall time asked for and
 * how it was resolved (a daylight-saving gap moves it later, an overlap takes the first).
 */
record Preview(String timeZone, Boundary start, Boundary end, List<OccurrenceView> occurrences,
        @JsonRawValue String sampleMessage) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** The start or the end: {@code requested} as written (YYYY-MM-DDTHH:MM), the instant it became. */
    record Boundary(String requested, Instant instant, int utcOffsetSeconds, Resolution resolution) {

        static Boundary of(ResolvedTime time) {
            return new Boundary(DATE_TIME.format(time.requested()), time.instant(),
                    time.offset().getTotalSeconds(), time.resolution());
        }
    }

    /**
     * One day: {@code fireAt} in UTC, the offset there, the wall time it goes out at
     * ({@code localTime}) and the one asked for that day ({@code requestedTime}), both HH:MM.
     */
    record OccurrenceView(int index, LocalDate day, Instant fireAt, int utcOffsetSeconds, String localTime,
            String requestedTime, Resolution resolution) {

        static OccurrenceView of(Occurrence o) {
            return new OccurrenceView(o.index(), o.day(), o.fireAt(), o.offset().getTotalSeconds(),
                    WALL_TIME.format(o.localTime()), WALL_TIME.format(o.requestedTime()), o.resolution());
        }
    }

    static Preview of(String timeZone, ResolvedTime start, ResolvedTime end, List<Occurrence> occurrences,
            String renderedMessagesJson) {
        return new Preview(timeZone, Boundary.of(start), Boundary.of(end),
                occurrences.stream().map(OccurrenceView::of).toList(), firstMessage(renderedMessagesJson));
    }

    /** The engine renders a JSON array of inbox messages; the sample is its only element. */
    private static String firstMessage(String renderedMessagesJson) {
        if (renderedMessagesJson == null) {
            return null;
        }
        try {
            JsonNode messages = JSON.readTree(renderedMessagesJson);
            return messages.isArray() && !messages.isEmpty() ? JSON.writeValueAsString(messages.get(0)) : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the engine rendered unreadable JSON", e);
        }
    }

    /** The calling admin as the one sample recipient. */
    static String recipientsJson(Actor actor) {
        ObjectNode recipient = JSON.createObjectNode()
                .put("userId", actor.userId())
                .put("username", actor.username());
        if (actor.firstName() != null) {
            recipient.put("firstName", actor.firstName());
        }
        return JSON.createArrayNode().add(recipient).toString();
    }
}

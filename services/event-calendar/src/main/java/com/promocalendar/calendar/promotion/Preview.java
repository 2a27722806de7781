package com.promocalendar.calendar.promotion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What customers will get and when, as the engine computes it. */
record Preview(List<OccurrenceView> occurrences, @JsonRawValue String sampleMessage) {

    private static final ObjectMapper JSON = new ObjectMapper();

    record OccurrenceView(int index, LocalDate day, Instant fireAt) {
    }

    static Preview of(List<ScheduleEngine.Occurrence> occurrences, String renderedMessagesJson) {
        return new Preview(
                occurrences.stream().map(o -> new OccurrenceView(o.index(), o.day(), o.fireAt())).toList(),
                firstMessage(renderedMessagesJson));
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

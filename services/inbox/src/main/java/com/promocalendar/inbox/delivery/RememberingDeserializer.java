package com.promocalendar.inbox.delivery;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a value with the mapper's own deserializer for its type, but returns the
 * previous value when the text is the same as last time. Every message of a
 * day's batch repeats the same {@code day} and {@code expiresAt}; java.time's
 * parsing of them was 16% of the batch endpoint's CPU time in a profile. A new
 * text is parsed, and refused, exactly as without this class.
 */
abstract class RememberingDeserializer<T> extends StdDeserializer<T> implements ContextualDeserializer {

    private final JsonDeserializer<?> parser;
    private volatile Remembered<T> last; // benign race: each value is immutable and complete

    private record Remembered<T>(String text, T value) {
    }

    RememberingDeserializer(Class<T> type, JsonDeserializer<?> parser) {
        super(type);
        this.parser = parser;
    }

    /** A copy that parses with {@code parser}. */
    abstract RememberingDeserializer<T> parsingWith(JsonDeserializer<?> parser);

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        // the type's own deserializer as the mapper configures it (jsr310 for java.time)
        return parsingWith(context.findContextualValueDeserializer(context.constructType(handledType()), property));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser json, DeserializationContext context) throws IOException {
        if (!json.hasToken(JsonToken.VALUE_STRING)) {
            return (T) parser.deserialize(json, context);
        }
        String text = json.getText();
        Remembered<T> seen = last;
        if (seen != null && seen.text().equals(text)) {
            return seen.value();
        }
        T value = (T) parser.deserialize(json, context);
        last = new Remembered<>(text, value);
        return value;
    }

    /** {@code day}: {@code YYYY-MM-DD}. */
    static final class Day extends RememberingDeserializer<LocalDate> {

        Day() {
            this(null);
        }

        private Day(JsonDeserializer<?> parser) {
            super(LocalDate.class, parser);
        }

        @Override
        Day parsingWith(JsonDeserializer<?> parser) {
            return new Day(parser);
        }
    }

    /** {@code expiresAt}: an RFC 3339 instant. */
    static final class Moment extends RememberingDeserializer<Instant> {

        Moment() {
            this(null);
        }

        private Moment(JsonDeserializer<?> parser) {
            super(Instant.class, parser);
        }

        @Override
        Moment parsingWith(JsonDeserializer<?> parser) {
            return new Moment(parser);
        }
    }
}

package com.promocalendar.inbox.delivery;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a property with the mapper's own deserializer for its type, but returns
 * the previous value when the text is the same as last time. Every message of a
 * day's batch repeats the same {@code day} and {@code expiresAt}; java.time's
 * parsing of them was 16% of the batch endpoint's CPU time in a profile. A new
 * text is parsed, and refused, exactly as without this class.
 *
 * <p>Use on a property: {@code @JsonDeserialize(using = RememberingDeserializer.class)}.
 */
class RememberingDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

    private final JsonDeserializer<?> parser;
    private volatile Remembered last; // benign race: each value is immutable and complete

    private record Remembered(String text, Object value) {
    }

    /** The uncontextualized instance Jackson creates for the annotation. */
    RememberingDeserializer() {
        this(null);
    }

    private RememberingDeserializer(JsonDeserializer<?> parser) {
        super(Object.class);
        this.parser = parser;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        // the property type's own deserializer as the mapper configures it (jsr310 for java.time)
        return new RememberingDeserializer(context.findContextualValueDeserializer(property.getType(), property));
    }

    @Override
    public Object deserialize(JsonParser json, DeserializationContext context) throws IOException {
        if (!json.hasToken(JsonToken.VALUE_STRING)) {
            return parser.deserialize(json, context);
        }
        String text = json.getText();
        Remembered seen = last;
        if (seen != null && seen.text().equals(text)) {
            return seen.value();
        }
        Object value = parser.deserialize(json, context);
        last = new Remembered(text, value);
        return value;
    }
}

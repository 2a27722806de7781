package com.promocalendar.inbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class RememberingDeserializerTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    private record Dated(
            @JsonDeserialize(using = RememberingDeserializer.class) LocalDate day,
            @JsonDeserialize(using = RememberingDeserializer.class) Instant at) {
    }

    @Test
    void aRepeatedTextGivesTheSameValueAndANewTextIsParsed() throws Exception {
        List<Dated> read = List.of(json.readValue("""
                [{"day": "2026-12-01", "at": "2026-12-24T23:00:00Z"},
                 {"day": "2026-12-01", "at": "2026-12-24T23:00:00Z"},
                 {"day": "2026-12-02", "at": "2026-12-24T23:00:00.5Z"},
                 {"day": null, "at": "2026-12-25T00:00:00+01:00"}]
                """, Dated[].class));

        assertThat(read).extracting(Dated::day).containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 2), null);
        assertThat(read.get(1).day()).isSameAs(read.get(0).day());
        assertThat(read).extracting(Dated::at).containsExactly(Instant.parse("2026-12-24T23:00:00Z"),
                Instant.parse("2026-12-24T23:00:00Z"), Instant.parse("2026-12-24T23:00:00.500Z"),
                Instant.parse("2026-12-24T23:00:00Z"));
    }

    @Test
    void aBadTextIsRefusedAsWithoutRemembering() {
        assertThatThrownBy(() -> json.readValue("""
                [{"day": "2026-12-01", "at": "2026-12-24T23:00:00Z"}, {"day": "tomorrow", "at": "2026-12-24T23:00:00Z"}]
                """, Dated[].class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("tomorrow");
    }
}

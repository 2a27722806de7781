package com.promocalendar.inbox.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;

class JsonPathTest {

    @Test
    void namesNestedFieldsWithIndexes() {
        List<Reference> path = List.of(new Reference(null, "messages"), new Reference(null, 3),
                new Reference(null, "products"), new Reference(null, 0), new Reference(null, "sku"));

        assertThat(ProblemHandler.jsonPath(path)).isEqualTo("messages[3].products[0].sku");
    }

    @Test
    void anEmptyPathIsTheBody() {
        assertThat(ProblemHandler.jsonPath(List.of())).isEqualTo("body");
    }
}

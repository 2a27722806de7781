package com.promocalendar.calendar.config;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.core.StreamReadConstraints;

/** Limits of the JSON the calendar reads. */
@Configuration
public class JsonConfig {

    /**
     * The largest request body: a promotion with its 50 products at every limit of
     * contracts.md (4,300 code points each, at most 4 bytes in UTF-8: ~0.9 MB), rounded up.
     */
    public static final long MAX_DOCUMENT_BYTES = 1_048_576;

    /** Jackson stops reading a larger body (413 naming {@code body}) instead of buffering it. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer documentLimit() {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxDocumentLength(MAX_DOCUMENT_BYTES).build()));
    }
}

package com.promocalendar.inbox.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/** Spring Boot adds every Module bean to its ObjectMapper. */
@Configuration
class JsonConfig {

    /** Faster reading of the batch endpoint's records (lambda accessors instead of reflection). */
    @Bean
    Module blackbird() {
        return new BlackbirdModule();
    }
}

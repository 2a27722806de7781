package com.promocalendar.calendar.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document at /v3/api-docs: every endpoint takes a Keycloak bearer token. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI eventCalendarApi() {
        return new OpenAPI()
                .info(new Info().title("Event calendar").version("0.1.0")
                        .description("Promotions for admins (role admin); change feed for the scheduler (role calendar-reader)."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}

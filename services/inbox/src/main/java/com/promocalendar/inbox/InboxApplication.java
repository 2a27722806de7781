package com.promocalendar.inbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The inbox service: keeps every customer's promotion messages in its own
 * PostgreSQL database, takes the daily fan-out in bulk ({@code delivery}) and
 * serves each person their own inbox ({@code message}, {@code unread}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class InboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(InboxApplication.class, args);
    }
}

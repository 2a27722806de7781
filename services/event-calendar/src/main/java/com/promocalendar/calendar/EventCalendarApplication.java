package com.promocalendar.calendar;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The admins' event calendar: promotions, their audit trail, preview and the change feed. */
@SpringBootApplication
public class EventCalendarApplication {

    public static void main(String[] args) {
        SpringApplication.run(EventCalendarApplication.class, args);
    }

    /** "Now" for the lifecycle rules (has a promotion started or ended?). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

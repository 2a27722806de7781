package com.promocalendar.calendar;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of every *IT: one Spring context for all of them, the service on a
 * random port against the real PostgreSQL database {@code calendar_test}
 * (emptied once when the context starts), real Keycloak tokens, the real
 * inventory and the real engine.
 */
// metrics exported as in production (tests turn exporters off by default): /actuator/prometheus is scraped
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:postgresql://${PGHOST:127.0.0.1}:${PGPORT:5432}/calendar_test",
        "spring.datasource.password=calendar",
        "spring.flyway.clean-disabled=false",
        "spring.datasource.hikari.maximum-pool-size=12",
        // the local realm's secret of the event-calendar account (deploy/keycloak/realm-shop.json)
        "spring.security.oauth2.client.registration.inbox-sync.client-secret=event-calendar-secret",
        "calendar.inbox-sync.interval=PT0.1S",
        "calendar.inbox-sync.max-backoff=PT0.4S" })
@Import(IntegrationTest.FreshDatabase.class)
public abstract class IntegrationTest {

    /** What the relay sends the inbox, one stand-in for the whole context (its port is a property). */
    protected static final InboxStandIn INBOX = InboxStandIn.start();

    /** The relay sends to the inbox stand-in (InboxRelayIT), never to the stack's inbox. */
    @DynamicPropertySource
    static void inboxStandIn(DynamicPropertyRegistry properties) {
        properties.add("calendar.inbox-sync.inbox-url", INBOX::url);
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient db;

    private Api api;

    protected Api api() {
        if (api == null) {
            api = new Api("http://127.0.0.1:" + port);
        }
        return api;
    }

    /** Rows in every table: "nothing stored" means these did not change. */
    protected long storedRows() {
        return db.sql("select (select count(*) from promotion) + (select count(*) from promotion_audit)"
                + " + (select count(*) from promotion_change)").query(Long.class).single();
    }

    protected long lastCursor() {
        return db.sql("select coalesce(max(cursor), 0) from promotion_change").query(Long.class).single();
    }

    @TestConfiguration
    static class FreshDatabase {
        @Bean
        FlywayMigrationStrategy cleanThenMigrate() {
            return (Flyway flyway) -> {
                flyway.clean();
                flyway.migrate();
            };
        }
    }
}

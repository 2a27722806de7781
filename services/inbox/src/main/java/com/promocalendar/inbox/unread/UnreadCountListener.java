package com.promocalendar.inbox.unread;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on {@value UnreadCountNotifications#CHANNEL} over a connection of its
 * own (outside the pool, which it would hold forever) and hands each
 * notification's recipients to {@link UnreadCountStreams}. A lost connection is
 * opened again with backoff, and then every open stream is re-counted, since
 * notifications sent meanwhile are gone.
 */
@Component
class UnreadCountListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountListener.class);
    private static final int WAIT_MILLIS = 5_000;

    private final DataSourceProperties database;
    private final UnreadCountStreams streams;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    UnreadCountListener(DataSourceProperties database, UnreadCountStreams streams) {
        this.database = database;
        this.streams = streams;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "unread-count-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        closeQuietly();
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try (Connection listening = DriverManager.getConnection(database.determineUrl(),
                    database.determineUsername(), database.determinePassword())) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + UnreadCountNotifications.CHANNEL);
                }
                backoff = Duration.ofMillis(500);
                streams.refreshOpenStreams(); // whatever was sent while no one listened
                PGConnection notifications = listening.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            if (UnreadCountNotifications.EVERYONE.equals(notification.getParameter())) {
                                streams.everyoneChanged();
                            } else {
                                streams.changed(UnreadCountNotifications.recipients(notification.getParameter()));
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException lost) {
                if (!running) {
                    return;
                }
                log.warn("unread-count notifications: connection lost ({}), listening again in {} ms",
                        lost.toString(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException stopped) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void closeQuietly() {
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // closing a connection that is gone anyway
            }
        }
    }
}

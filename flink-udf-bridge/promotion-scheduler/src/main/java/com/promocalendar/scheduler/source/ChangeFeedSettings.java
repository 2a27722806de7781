package com.promocalendar.scheduler.source;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * Where and how the source reads the change feed; built from the job's configuration
 * ({@code SchedulerOptions}) and shipped with the source to the task managers.
 *
 * @param calendarUrl base URL of the event-calendar service
 * @param tokenEndpoint OAuth token endpoint (Keycloak realm {@code shop})
 * @param clientId confidential client with role {@code calendar-reader}
 * @param clientSecret its secret
 * @param pollInterval pause between polls when the feed has nothing new
 * @param batchSize {@code limit} of one poll
 * @param initialCursor cursor of the first poll when no checkpoint exists; {@code null} reads from the beginning
 */
public record ChangeFeedSettings(
        URI calendarUrl,
        URI tokenEndpoint,
        String clientId,
        String clientSecret,
        Duration pollInterval,
        int batchSize,
        String initialCursor)
        implements Serializable {

    @Override
    public String toString() {
        return "ChangeFeedSettings{calendarUrl=" + calendarUrl + ", tokenEndpoint=" + tokenEndpoint
                + ", clientId=" + clientId + ", pollInterval=" + pollInterval + ", batchSize=" + batchSize + "}";
    }
}

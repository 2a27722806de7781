package com.promocalendar.calendar.inboxsync;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The inbox's endpoints for this service, called with the service's own token
 * (client {@code event-calendar}, role {@code promotion-sync}; client
 * credentials kept and renewed by Spring Security). Failures are thrown as
 * Spring's {@code RestClientException}s; callers decide whether to retry.
 */
@Component
public class InboxClient {

    private final OAuth2AuthorizedClientManager tokens;
    private final RestClient inbox;

    InboxClient(OAuth2AuthorizedClientManager tokens, RestClient.Builder http,
            @Value("${calendar.inbox-sync.inbox-url}") URI inboxUrl) {
        this.tokens = tokens;
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(Duration.ofSeconds(10));
        this.inbox = http.baseUrl(inboxUrl.toString()).requestFactory(timeouts).build();
    }

    /** {@code PUT /api/internal/inbox/promotions/{id}}: the promotion's state as last published. */
    void putPromotionState(Object promotionId, Map<String, Object> state) {
        inbox.put().uri("/api/internal/inbox/promotions/{id}", promotionId)
                .headers(headers -> headers.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(state)
                .retrieve()
                .toBodilessEntity();
    }

    /** {@code POST /api/internal/inbox/test-messages}: one rendered message into an admin's inbox; the inbox's answer. */
    public Map<?, ?> sendTestMessage(Map<String, Object> message) {
        return inbox.post().uri("/api/internal/inbox/test-messages")
                .headers(headers -> headers.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(message)
                .retrieve()
                .body(Map.class);
    }

    private String token() {
        OAuth2AuthorizedClient client = tokens.authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId("inbox-sync").principal("event-calendar").build());
        if (client == null) {
            throw new IllegalStateException("no token for the inbox (client registration inbox-sync)");
        }
        return client.getAccessToken().getTokenValue();
    }
}

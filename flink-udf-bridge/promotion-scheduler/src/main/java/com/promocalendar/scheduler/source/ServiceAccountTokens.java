package com.promocalendar.scheduler.source;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens of a confidential client (client credentials grant, Nimbus OAuth SDK), cached
 * until shortly before they expire and fetched again on demand or after a 401.
 */
public final class ServiceAccountTokens {

    /** Refresh this long before the token's expiry, so a request never carries a stale one. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final URI tokenEndpoint;
    private final ClientSecretBasic clientAuthentication;
    private final Clock clock;
    private AccessToken token;
    private Instant refreshAt = Instant.MIN;

    public ServiceAccountTokens(URI tokenEndpoint, String clientId, String clientSecret, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientAuthentication = new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret));
        this.clock = clock;
    }

    /** Keycloak's token endpoint of a realm. */
    public static URI keycloakTokenEndpoint(String keycloakUrl, String realm) {
        String base = keycloakUrl.endsWith("/") ? keycloakUrl : keycloakUrl + "/";
        return URI.create(base + "realms/" + realm + "/protocol/openid-connect/token");
    }

    /** The {@code Authorization} header value for the next request. */
    public synchronized String authorizationHeader() throws IOException {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token.toAuthorizationHeader();
    }

    /** Forgets the cached token (the server said 401). */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws IOException {
        TokenRequest request = new TokenRequest(tokenEndpoint, clientAuthentication, new ClientCredentialsGrant());
        TokenResponse response;
        try {
            response = TokenResponse.parse(request.toHTTPRequest().send());
        } catch (ParseException e) {
            throw new IOException("unreadable token response from " + tokenEndpoint, e);
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            throw new IOException("token request to " + tokenEndpoint + " failed: " + error.getErrorObject());
        }
        AccessToken accessToken = ((AccessTokenResponse) response).getTokens().getAccessToken();
        long lifetimeSeconds = accessToken.getLifetime() > 0 ? accessToken.getLifetime() : 60;
        token = accessToken;
        refreshAt = clock.instant().plusSeconds(lifetimeSeconds).minus(EXPIRY_MARGIN);
    }
}

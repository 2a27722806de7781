package com.promocalendar.inbox.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for the service under test, with a real bearer token per call. */
public final class InboxHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public InboxHttp(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    public Response get(Caller caller, String path) {
        return send(request(caller, path).GET());
    }

    /** GET with any Authorization header value, for tokens that must be refused. */
    public Response getWithBearer(String token, String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET());
    }

    public Response post(Caller caller, String path) {
        return send(request(caller, path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postJson(Caller caller, String path, String json) {
        return send(request(caller, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(Caller caller, String path, String json) {
        return send(request(caller, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(Caller caller, String path) {
        return send(request(caller, path).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(Caller caller, String path) {
        return send(request(caller, path).DELETE());
    }

    public Response call(Caller caller, String method, String path) {
        return switch (method) {
            case "GET" -> get(caller, path);
            case "POST" -> post(caller, path);
            case "DELETE" -> delete(caller, path);
            case "PUT" -> putJson(caller, path, "{}");
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** Opens the unread-count stream; the caller closes it. */
    public UnreadCountStream openStream(Caller caller) {
        HttpRequest request = request(caller, "/api/inbox/unread-count/stream")
                .header("Accept", "text/event-stream").GET().build();
        return UnreadCountStream.open(http, request);
    }

    HttpRequest.Builder request(Caller caller, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        String token = KeycloakTokens.of(caller);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

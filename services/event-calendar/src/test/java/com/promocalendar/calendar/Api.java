package com.promocalendar.calendar;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A plain HTTP client for the service under test: what the web app and the scheduler send. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The fields named in a problem+json {@code errors} extension. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json.path("errors").forEach(error -> fields.add(error.path("field").asText()));
            return fields;
        }

        public long version() {
            return json.path("version").asLong();
        }

        public String id() {
            return json.path("id").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String token, Object body) {
        return send(withBody(request(path, token), "POST", body));
    }

    public Response post(String path, String token, Object body, Long ifMatch) {
        return send(withBody(ifMatch(request(path, token), ifMatch), "POST", body));
    }

    public Response put(String path, String token, Object body, Long ifMatch) {
        return send(withBody(ifMatch(request(path, token), ifMatch), "PUT", body));
    }

    public Response delete(String path, String token, Long ifMatch) {
        return send(ifMatch(request(path, token), ifMatch).DELETE());
    }

    /** Sends any method with an optional body; for the authorization matrix. */
    public Response send(String method, String path, String token, Object body, Long ifMatch) {
        return send(withBody(ifMatch(request(path, token), ifMatch), method, body));
    }

    /** {@code body} sent without a Content-Length (chunked), as a client streaming it would. */
    public Response sendStreamed(String method, String path, String token, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(request(path, token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.Builder ifMatch(HttpRequest.Builder builder, Long version) {
        return version == null ? builder : builder.header("If-Match", "\"" + version + "\"");
    }

    private static HttpRequest.Builder withBody(HttpRequest.Builder builder, String method, Object body) {
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
            return builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

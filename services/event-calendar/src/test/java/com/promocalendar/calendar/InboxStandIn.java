package com.promocalendar.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The inbox's promotion-state endpoint as the relay sees it, recording every
 * request (path, bearer token, body) and answering 204 (a test message: 200 with
 * the inbox's answer) — or a 503 for the next {@link #failNext} requests. Stands in for the inbox only where a test must
 * make it fail on cue; the real inbox is exercised by the browser and chain tests.
 */
public final class InboxStandIn {

    public record Received(String method, String path, String authorization, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String failingPath = "";

    private int port;

    private InboxStandIn() {
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    static InboxStandIn start() {
        InboxStandIn standIn = new InboxStandIn();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                boolean fail = path.startsWith(standIn.failingPath)
                        && standIn.failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                standIn.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        JSON.readTree(new String(body, StandardCharsets.UTF_8))));
                if (fail) {
                    exchange.sendResponseHeaders(503, -1);
                } else if (exchange.getRequestMethod().equals("POST")) { // a test message: the inbox's batch answer
                    byte[] answer = "{\"inserted\":1,\"duplicates\":0,\"suppressed\":0,\"refused\":[]}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
                exchange.close();
            });
            server.start();
            standIn.port = server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return standIn;
    }

    /** The next {@code count} requests to paths starting with {@code pathPrefix} are answered 503. */
    public void failNext(int count, String pathPrefix) {
        failingPath = pathPrefix;
        failures.set(count);
    }

    /** Requests for one promotion, in arrival order. */
    public List<Received> receivedFor(String promotionId) {
        return received.stream().filter(r -> r.path().endsWith("/" + promotionId)).toList();
    }
}

package io.pairstream.curator.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pairstream.schemas.http.HttpEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The dashboard's HTTP routes: the page at {@code /} (one self-contained HTML file, plain
 * JavaScript drawing SVG, nothing fetched from elsewhere), {@code /api/metrics} (the quality
 * windows) and {@code /api/pairs} (the latest positive pairs with their images).
 */
public final class Dashboard {

    private static final String PAGE = load("dashboard.html");
    private static final String JSON = "application/json; charset=utf-8";

    private Dashboard() {
    }

    /** The routes, to be served beside {@code /metrics} and {@code /health}. */
    public static Map<String, HttpHandler> routes(QualityFeed feed) {
        return Map.of(
                "/", Dashboard::page,
                "/api/metrics", exchange -> HttpEndpoint.respond(exchange, 200, JSON, FeedJson.windows(feed.windows())),
                "/api/pairs", exchange -> HttpEndpoint.respond(exchange, 200, JSON, FeedJson.pairs(feed.pairs())));
    }

    /** {@code /} is the catch-all context, so anything but the page itself is a 404. */
    private static void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/") || path.equals("/index.html")) {
            HttpEndpoint.respond(exchange, 200, "text/html; charset=utf-8", PAGE);
        } else {
            HttpEndpoint.respond(exchange, 404, "text/plain; charset=utf-8", "not found: " + path);
        }
    }

    private static String load(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

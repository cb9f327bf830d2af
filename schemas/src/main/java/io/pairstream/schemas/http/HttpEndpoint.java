package io.pairstream.schemas.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP server on the JDK's {@link HttpServer}, served by a few daemon threads so it never
 * keeps the JVM alive, for the service's own endpoints (the embedded Schema Registry, metrics).
 */
public final class HttpEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and serves each context path with its handler.
     *
     * @param name names the threads, and the endpoint in an error
     */
    public static HttpEndpoint start(String name, String host, int port, int threads, Map<String, HttpHandler> contexts) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, name + "-http");
                t.setDaemon(true);
                return t;
            });
            contexts.forEach(server::createContext);
            server.setExecutor(executor);
            server.start();
            return new HttpEndpoint(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind the " + name + " endpoint to " + host + ":" + port, e);
        }
    }

    /** {@code http://host:port} as bound. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    /** Writes a whole response and closes the exchange. */
    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.pairstream.curator.observe;

/**
 * Liveness and readiness of the service. Live: the process can make progress (restart it if not).
 * Ready: it is processing (route traffic or count it as up).
 */
public record Health(boolean live, boolean ready, String detail) {
}

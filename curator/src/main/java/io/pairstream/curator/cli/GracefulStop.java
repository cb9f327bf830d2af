package io.pairstream.curator.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets Ctrl-C end a command cleanly: the shutdown hook asks the work to stop, then waits (up to a
 * bound) for the command to finish closing its resources before the JVM exits. Once the work has
 * ended the hook is removed.
 */
final class GracefulStop {

    private static final long WAIT_SECONDS = 30;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private GracefulStop(Runnable stop) {
        this.hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pairstream-stop");
    }

    /** Work that may be asked to stop early. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code work}; on Ctrl-C or SIGTERM meanwhile, runs {@code stop} and lets the work finish. */
    static <T, E extends Exception> T during(Runnable stop, Work<T, E> work) throws E {
        GracefulStop graceful = new GracefulStop(stop);
        Runtime.getRuntime().addShutdownHook(graceful.hook);
        try {
            return work.run();
        } finally {
            graceful.release();
        }
    }

    private void release() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and has just been released.
        }
    }
}

package io.pairstream.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Test apps in child JVMs on the test's classpath, so a test can kill one as a crash would; each
 * app's output goes to {@code app-<name>.log} in the log directory. Closing kills any still running.
 */
public final class ChildJvms implements AutoCloseable {

    private final Path logDirectory;
    private final List<Process> processes = new ArrayList<>();

    public ChildJvms(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    /**
     * For a child app's {@code main}: starts {@code streams} and blocks until it stops or fails; a
     * shutdown closes it, and the app never outlives the test JVM that started it.
     */
    public static void runUntilStopped(KafkaStreams streams) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        streams.start();
        stopped.await();
    }

    /** Starts {@code main} with {@code args}; {@code name} names its log. */
    public Process start(Class<?> main, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logDirectory.resolve("app-" + name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    /** The last lines the app called {@code name} wrote, for failure messages. */
    public String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(logDirectory.resolve("app-" + name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no app log: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            for (Process process : processes) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

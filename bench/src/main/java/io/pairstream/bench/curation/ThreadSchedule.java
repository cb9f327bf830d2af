package io.pairstream.bench.curation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the Linux scheduler did with the threads of this JVM and of its child processes (the
 * embedded broker) over an interval, from {@code /proc/<pid>/task/<tid>/schedstat}: per thread
 * name (the kernel keeps 15 characters of it), the cores it ran on and the cores' worth of time
 * it was runnable but waited for one, and how often it was preempted. Empty where {@code /proc}
 * has no schedstat.
 */
final class ThreadSchedule {

    /** One thread's counters: nanoseconds on a core, nanoseconds waiting on a run queue, involuntary switches. */
    private record Counters(String name, long onCpuNanos, long waitNanos, long preempted) {
    }

    private final long wallStart = System.nanoTime();
    private final Map<String, Counters> start = snapshot();

    /** The counters of the thread group {@code prefix} (names starting with it) since creation, as text. */
    String of(String prefix) {
        Counters sum = sum(prefix, snapshot());
        Counters before = sum(prefix, start);
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        return format(prefix, sum.onCpuNanos - before.onCpuNanos, sum.waitNanos - before.waitNanos, sum.preempted - before.preempted,
                seconds);
    }

    /** The {@code top} busiest thread names since creation, one line each, with their waits and preemptions. */
    List<String> busiest(int top) {
        Map<String, long[]> byName = new HashMap<>();
        Map<String, Counters> now = snapshot();
        now.forEach((key, counters) -> {
            Counters before = start.get(key);
            long[] sums = byName.computeIfAbsent(counters.name, name -> new long[3]);
            sums[0] += counters.onCpuNanos - (before == null ? 0 : before.onCpuNanos);
            sums[1] += counters.waitNanos - (before == null ? 0 : before.waitNanos);
            sums[2] += counters.preempted - (before == null ? 0 : before.preempted);
        });
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        List<String> lines = new ArrayList<>();
        byName.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])).limit(top)
                .forEach(e -> lines.add(format(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], seconds)));
        return lines;
    }

    /** The kernel's name of the calling thread (for the JVM's main thread, not "main"). */
    static String currentThreadName() {
        try {
            return Files.readString(Path.of("/proc/thread-self/comm")).strip();
        } catch (IOException | RuntimeException e) {
            return Thread.currentThread().getName();
        }
    }

    private static String format(String name, long onCpu, long wait, long preempted, double seconds) {
        return String.format(Locale.ROOT, "%-22s %.3f cores on a core, %.3f waiting for one, %.0f preemptions/s", name,
                onCpu / 1e9 / seconds, wait / 1e9 / seconds, preempted / seconds);
    }

    private static Counters sum(String prefix, Map<String, Counters> threads) {
        long onCpu = 0;
        long wait = 0;
        long preempted = 0;
        for (Counters counters : threads.values()) {
            if (counters.name.startsWith(prefix)) {
                onCpu += counters.onCpuNanos;
                wait += counters.waitNanos;
                preempted += counters.preempted;
            }
        }
        return new Counters(prefix, onCpu, wait, preempted);
    }

    /** Every live thread of this process and its descendants, by "pid/tid"; names of child processes' threads get "child:". */
    private static Map<String, Counters> snapshot() {
        Map<String, Counters> threads = new HashMap<>();
        ProcessHandle self = ProcessHandle.current();
        Stream.concat(Stream.of(self), self.descendants()).forEach(process -> {
            Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
            String prefix = process.pid() == self.pid() ? "" : "child:";
            try (Stream<Path> list = Files.list(tasks)) {
                list.forEach(task -> read(task, prefix).ifPresent(c -> threads.put(process.pid() + "/" + task.getFileName(), c)));
            } catch (IOException | RuntimeException e) {
                // The process ended, or this is not Linux.
            }
        });
        return threads;
    }

    private static java.util.Optional<Counters> read(Path task, String prefix) {
        try {
            String name = prefix + Files.readString(task.resolve("comm")).strip();
            String[] schedstat = Files.readString(task.resolve("schedstat")).strip().split("\\s+");
            long preempted = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    preempted = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return java.util.Optional.of(new Counters(name, Long.parseLong(schedstat[0]), Long.parseLong(schedstat[1]), preempted));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}

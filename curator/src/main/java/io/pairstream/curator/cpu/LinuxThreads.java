package io.pairstream.curator.cpu;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * What Linux lets a thread run on and how it ranks it: its cores, through {@code sched_getaffinity(2)}
 * and {@code sched_setaffinity(2)}, and its nice value, through {@code getpriority(2)} and
 * {@code setpriority(2)}. Threads are named by their kernel thread id; a thread created later
 * inherits both from the thread that created it. Without privileges a nice value can only be raised.
 */
final class LinuxThreads {

    /** A {@code cpu_set_t}: 1024 cores, as glibc sizes it. */
    private static final int MASK_WORDS = 1024 / Long.SIZE;
    private static final int ESRCH = 3;
    private static final int PRIO_PROCESS = 0;

    /** The two calls, from the C library. */
    interface LibC extends Library {
        int sched_getaffinity(int tid, NativeLong size, long[] mask);

        int sched_setaffinity(int tid, NativeLong size, long[] mask);

        int getpriority(int which, int who);

        int setpriority(int which, int who, int prio);
    }

    private final LibC libc;

    private LinuxThreads(LibC libc) {
        this.libc = libc;
    }

    /** The binding, or empty where this is not Linux or the C library cannot be loaded; {@code why} gets the reason. */
    static Optional<LinuxThreads> load(List<String> why) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            why.add("not Linux");
            return Optional.empty();
        }
        try {
            return Optional.of(new LinuxThreads(Native.load("c", LibC.class)));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            why.add("cannot call the C library: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The cores thread {@code tid} (0: the calling thread) may run on. */
    BitSet get(int tid) {
        long[] mask = new long[MASK_WORDS];
        if (libc.sched_getaffinity(tid, new NativeLong(mask.length * Long.BYTES), mask) != 0) {
            throw new IllegalStateException("sched_getaffinity(" + tid + ") failed, errno " + Native.getLastError());
        }
        return BitSet.valueOf(mask);
    }

    /** Lets thread {@code tid} (0: the calling thread) run on {@code cores} only; false when the thread has ended. */
    boolean set(int tid, BitSet cores) {
        long[] mask = new long[MASK_WORDS];
        long[] words = cores.toLongArray();
        System.arraycopy(words, 0, mask, 0, Math.min(words.length, mask.length));
        if (libc.sched_setaffinity(tid, new NativeLong(mask.length * Long.BYTES), mask) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == ESRCH) {
            return false;
        }
        throw new IllegalStateException("sched_setaffinity(" + tid + ", " + cores + ") failed, errno " + errno);
    }

    /** The nice value of thread {@code tid} (0: the calling thread). */
    int nice(int tid) {
        return libc.getpriority(PRIO_PROCESS, tid);
    }

    /**
     * Sets the nice value of thread {@code tid} (0: the calling thread); false when the thread has
     * ended or lowering it needs privileges this process lacks.
     */
    boolean setNice(int tid, int nice) {
        return libc.setpriority(PRIO_PROCESS, tid, nice) == 0;
    }

    /** The kernel's id of the calling thread. */
    static int currentThreadId() {
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>".
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot tell the calling thread's id from /proc/thread-self", e);
        }
    }

    /**
     * Applies {@code change} to each live thread of this process tree, by id, skipping a thread that
     * ends meanwhile (a call on it fails); returns for how many it returned true.
     */
    static int changeEachThread(IntPredicate change) {
        int changed = 0;
        for (int thread : threadsOfThisProcessTree()) {
            try {
                changed += change.test(thread) ? 1 : 0;
            } catch (IllegalStateException e) {
                // The thread ended between the listing and the call.
            }
        }
        return changed;
    }

    /** The ids of the live threads of this process and of its descendants (e.g. an embedded broker's JVM). */
    static List<Integer> threadsOfThisProcessTree() {
        List<Integer> threads = new ArrayList<>();
        ProcessHandle self = ProcessHandle.current();
        Stream.concat(Stream.of(self), self.descendants()).forEach(process -> {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
                tasks.forEach(task -> threads.add(Integer.parseInt(task.getFileName().toString())));
            } catch (IOException | java.io.UncheckedIOException e) {
                // The process ended meanwhile.
            }
        });
        return threads;
    }
}

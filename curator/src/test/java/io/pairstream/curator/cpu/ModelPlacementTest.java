package io.pairstream.curator.cpu;

import io.pairstream.topology.model.ClipModel;
import io.pairstream.topology.model.Embedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelPlacementTest {

    private static BitSet cores(int... indices) {
        BitSet set = new BitSet();
        for (int index : indices) {
            set.set(index);
        }
        return set;
    }

    @Test
    void shouldGiveTheModelTheLastCoresAndTheRestTheOthers() {
        ModelCores.Split two = ModelCores.split(cores(0, 1), 1).orElseThrow();
        assertEquals(cores(1), two.model());
        assertEquals(cores(0), two.others());
        // A process restricted to some cores (taskset, a container's cpuset) splits those only.
        ModelCores.Split sparse = ModelCores.split(cores(0, 2, 5, 7), 2).orElseThrow();
        assertEquals(cores(5, 7), sparse.model());
        assertEquals(cores(0, 2), sparse.others());
    }

    @Test
    void shouldNotSplitWhenTheModelWouldLeaveNoCoreOver() {
        assertTrue(ModelCores.split(cores(0, 1), 2).isEmpty());
        assertTrue(ModelCores.split(cores(3), 1).isEmpty());
        assertTrue(ModelCores.split(cores(0, 1), 0).isEmpty());
    }

    /** Records the cores of the thread that embeds. */
    private static final class CoreRecordingModel implements ClipModel {
        final AtomicReference<BitSet> embeddedOn = new AtomicReference<>();
        final AtomicReference<BitSet> childOfEmbedder = new AtomicReference<>();

        @Override
        public String version() {
            return "recording";
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public List<Embedding> embedImages(List<byte[]> encodedImages) {
            return List.of();
        }

        @Override
        public List<Embedding> embedTexts(List<String> texts) {
            embeddedOn.set(coresOfCallingThread());
            // A worker pool the model starts inherits the cores.
            childOfEmbedder.set(CompletableFuture.supplyAsync(ModelPlacementTest::coresOfCallingThread, r -> new Thread(r).start()).join());
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldPinTheModelsThreadsToItsCoresAndLeaveTheRestFree() throws Exception {
        BitSet allowed = assumePlaceable();
        assumeTrue(allowed.cardinality() >= 2, "needs two cores");
        ModelCores.Split expected = ModelCores.split(allowed, 1).orElseThrow();
        Process child = new ProcessBuilder("sleep", "60").start();
        try (ModelPlacement placement = ModelPlacement.of(true, 0, 1).orElseThrow()) {
            CoreRecordingModel recording = new CoreRecordingModel();
            ClipModel model = placement.wrap(recording);

            Thread modelThread = new Thread(() -> model.embedTexts(List.of("a caption")));
            modelThread.start();
            modelThread.join();
            assertEquals(expected.model(), recording.embeddedOn.get(), "the embedding thread moved to the model cores");
            assertEquals(expected.model(), recording.childOfEmbedder.get());
            assertEquals(expected.model(), placement.onModelThread(ModelPlacementTest::coresOfCallingThread));
            assertFalse(expected.model().intersects(expected.others()));

            assertEquals(allowed, coresOfCallingThread(), "the rest of the service may run on any core");
            assertEquals(allowed, coresOfProcess(child.pid()), "and so may a child process (an embedded broker)");
        } finally {
            child.destroy();
        }
        assertEquals(allowed, coresOfCallingThread(), "closing gives every thread its cores back");
    }

    @Test
    void shouldLowerEveryThreadButTheModelsOnceAModelThreadEmbeds() throws Exception {
        assumePlaceable();
        int before = niceOf(LinuxThreads.currentThreadId());
        assumeTrue(before < 10, "runs at nice " + before + " already");
        try (ModelPlacement placement = ModelPlacement.of(false, 10, 1).orElseThrow()) {
            ClipModel model = placement.wrap(new CoreRecordingModel());
            AtomicReference<Integer> modelNice = new AtomicReference<>();
            Thread modelThread = new Thread(() -> {
                model.embedTexts(List.of("a caption"));
                modelNice.set(niceOf(LinuxThreads.currentThreadId()));
            });
            modelThread.start();
            modelThread.join();
            assertEquals(before, modelNice.get(), "the model thread keeps its priority");
            assertEquals(10, niceOf(LinuxThreads.currentThreadId()), "every other thread yields");
            assertEquals(10, CompletableFuture.supplyAsync(() -> niceOf(LinuxThreads.currentThreadId()),
                    r -> new Thread(r).start()).join(), "and so do the threads they start");
        }
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
            assertEquals(before, niceOf(LinuxThreads.currentThreadId()), "closing raises them back where the process may");
        }
    }

    @Test
    void shouldKeepTheFeederAtTheModelsPriorityOnTheOtherCoresWhenTheModelHasCoresOfItsOwn() throws Exception {
        BitSet allowed = assumePlaceable();
        assumeTrue(allowed.cardinality() >= 2, "needs two cores");
        int before = niceOf(LinuxThreads.currentThreadId());
        assumeTrue(before < 10, "runs at nice " + before + " already");
        ModelCores.Split expected = ModelCores.split(allowed, 1).orElseThrow();
        try (ModelPlacement placement = ModelPlacement.of(true, 10, 1).orElseThrow()) {
            ClipModel model = placement.wrap(new CoreRecordingModel());
            CountDownLatch fed = new CountDownLatch(1);
            CountDownLatch embedded = new CountDownLatch(1);
            AtomicReference<Integer> feederNice = new AtomicReference<>();
            AtomicReference<BitSet> feederCores = new AtomicReference<>();
            // A stream thread: it announces itself, then hands the model batches while a model thread embeds them.
            Thread feeder = new Thread(() -> {
                model.feederStarted();
                fed.countDown();
                try {
                    embedded.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                feederNice.set(niceOf(LinuxThreads.currentThreadId()));
                feederCores.set(coresOfCallingThread());
            });
            feeder.start();
            fed.await();
            Thread modelThread = new Thread(() -> model.embedTexts(List.of("a caption")));
            modelThread.start();
            modelThread.join();
            embedded.countDown();
            feeder.join();
            assertEquals(before, feederNice.get(), "the feeder keeps the model's priority");
            assertEquals(expected.others(), feederCores.get(), "on the other cores");
            assertEquals(10, niceOf(LinuxThreads.currentThreadId()), "every other thread yields");
        }
    }

    /** The cores this process may use, or the test is skipped where threads cannot be placed. */
    private static BitSet assumePlaceable() {
        List<String> why = new ArrayList<>();
        Optional<LinuxThreads> threads = LinuxThreads.load(why);
        assumeTrue(threads.isPresent(), () -> "cannot place threads here: " + why);
        return threads.get().get(0);
    }

    /** The nice value of thread {@code tid}, the 19th field of its stat file (the kernel's account). */
    private static int niceOf(int tid) {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/../" + tid + "/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static BitSet coresOfCallingThread() {
        return coresFromStatus(Path.of("/proc/thread-self/status"));
    }

    private static BitSet coresOfProcess(long pid) {
        return coresFromStatus(Path.of("/proc", Long.toString(pid), "status"));
    }

    /** The kernel's own account, "Cpus_allowed_list: 0-1,3", rather than the binding under test. */
    private static BitSet coresFromStatus(Path status) {
        try {
            String list = Files.readAllLines(status).stream().filter(line -> line.startsWith("Cpus_allowed_list:")).findFirst()
                    .orElseThrow().substring("Cpus_allowed_list:".length()).strip();
            BitSet set = new BitSet();
            for (String range : list.split(",")) {
                String[] bounds = range.split("-");
                set.set(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1]) + 1);
            }
            return set;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

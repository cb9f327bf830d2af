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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelCoresTest {

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
            childOfEmbedder.set(CompletableFuture.supplyAsync(ModelCoresTest::coresOfCallingThread, r -> new Thread(r).start()).join());
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldPinTheModelsThreadsAndConfineEveryOtherThreadAndChildProcess() throws Exception {
        List<String> why = new ArrayList<>();
        Optional<CoreAffinity> affinity = CoreAffinity.load(why);
        assumeTrue(affinity.isPresent(), () -> "cannot place threads here: " + why);
        BitSet allowed = affinity.get().get(0);
        assumeTrue(allowed.cardinality() >= 2, "needs two cores");
        Process child = new ProcessBuilder("sleep", "60").start();
        try (ModelCores cores = ModelCores.reserve(1).orElseThrow()) {
            CoreRecordingModel recording = new CoreRecordingModel();
            ClipModel model = cores.pin(recording);
            cores.confineOthers();
            assertEquals(cores.otherCores(), coresOfCallingThread(), "this thread is one of the others");
            assertEquals(cores.otherCores(), coresOfProcess(child.pid()), "a child process (an embedded broker) too");
            assertEquals(cores.otherCores(), CompletableFuture.supplyAsync(ModelCoresTest::coresOfCallingThread,
                    r -> new Thread(r).start()).join(), "a thread started later inherits the other cores");

            Thread modelThread = new Thread(() -> model.embedTexts(List.of("a caption")));
            modelThread.start();
            modelThread.join();
            assertEquals(cores.modelCores(), recording.embeddedOn.get(), "the embedding thread moved to the model cores");
            assertEquals(cores.modelCores(), recording.childOfEmbedder.get());

            BitSet loadedOn = cores.onModelCores(ModelCoresTest::coresOfCallingThread);
            assertEquals(cores.modelCores(), loadedOn);
            assertFalse(cores.modelCores().intersects(cores.otherCores()));
        } finally {
            child.destroy();
        }
        assertEquals(allowed, coresOfCallingThread(), "closing gives every thread its cores back");
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

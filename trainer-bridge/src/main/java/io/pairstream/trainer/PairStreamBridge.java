package io.pairstream.trainer;

import io.pairstream.trainer.batch.BatchAssembler;
import io.pairstream.trainer.batch.MiniBatch;
import io.pairstream.trainer.checkpoint.Checkpoint;
import io.pairstream.trainer.checkpoint.CheckpointStore;
import io.pairstream.trainer.config.BridgeSettings;
import io.pairstream.trainer.eval.LinearProbe;
import io.pairstream.trainer.metrics.MetricsSink;
import io.pairstream.trainer.metrics.TrainerMeters;
import io.pairstream.trainer.metrics.TrainingReport;
import io.pairstream.trainer.source.PairSource;
import io.pairstream.trainer.source.SourcedPair;
import io.pairstream.trainer.train.OnlineTrainer;
import io.pairstream.trainer.train.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the online trainer from the pair stream. It polls only when the next batch needs pairs,
 * so the trainer sets the pace and at most one poll's worth of pairs waits in memory. After every
 * {@code checkpointEvery} completed steps it saves a checkpoint holding the trainer's state and the
 * positions just after the last pair trained on, then commits those positions; on start it resumes
 * from the newest checkpoint and its positions, so a crash repeats at most the steps since it.
 */
public final class PairStreamBridge {

    private static final Logger log = LoggerFactory.getLogger(PairStreamBridge.class);

    /** What a run did: the losses of its steps that updated the weights, and its last probe accuracy, if it evaluated. */
    public record RunSummary(long firstStep, long lastStep, List<Float> losses, Optional<Double> probeAccuracy,
                             long pairsTrained, long pairsSkipped, double stepsPerSecond, Checkpoint lastCheckpoint) {
    }

    private final OnlineTrainer trainer;
    private final BridgeSettings settings;
    private final PairSource source;
    private final CheckpointStore checkpoints;
    private final MetricsSink sink;
    private final TrainerMeters meters;
    private final LinearProbe probe;
    private final Clock clock;
    private final Deque<SourcedPair> pending = new ArrayDeque<>();

    /**
     * @param probe null to run without evaluation
     */
    public PairStreamBridge(OnlineTrainer trainer, BridgeSettings settings, PairSource source, MetricsSink sink,
                            TrainerMeters meters, LinearProbe probe, Clock clock) {
        this.trainer = trainer;
        this.settings = settings;
        this.source = source;
        this.checkpoints = new CheckpointStore(settings.checkpointDirectory(), settings.checkpointsKept());
        this.sink = sink;
        this.meters = meters;
        this.probe = probe;
        this.clock = clock;
    }

    /**
     * Resumes from the newest checkpoint, then trains until {@code maxSteps} steps are complete in
     * all (counted across resumes) or no pair arrives for the idle timeout; evaluates at the end.
     */
    public RunSummary run(long maxSteps) {
        Optional<Checkpoint> resumed = checkpoints.latest();
        resumed.ifPresent(c -> {
            trainer.load(c.directory());
            log.info("Resumed run {} at step {} from {}", settings.runId(), c.step(), c.directory());
        });
        source.start(resumed.map(Checkpoint::positions).orElse(Map.of()));
        TrainingReport report = new TrainingReport(settings.runId(), trainer.settings(), clock,
                resumed.map(Checkpoint::pairsTrained).orElse(0L), resumed.map(Checkpoint::pairsSkipped).orElse(0L));
        BatchAssembler assembler = new BatchAssembler(trainer.imageFormat(), trainer.settings().guidance(),
                trainer.settings().strategy().trainsOnPositives(), trainer.settings().batchSize());
        Map<TopicPartition, Long> trained = new HashMap<>(resumed.map(Checkpoint::positions).orElse(Map.of()));
        long firstStep = trainer.completedSteps();
        List<Float> losses = new ArrayList<>();
        Checkpoint last = resumed.orElse(null);
        Optional<Double> accuracy = Optional.empty();
        long started = System.nanoTime();
        while (trainer.completedSteps() < maxSteps) {
            Optional<MiniBatch> batch = nextBatch(assembler);
            if (batch.isEmpty()) {
                log.info("No pair for {}; stopping at step {}", settings.idleTimeout(), trainer.completedSteps());
                break;
            }
            long stepStarted = System.nanoTime();
            StepResult result = trainer.step(batch.get());
            meters.stepCompleted(result, batch.get().skipped(), Duration.ofNanos(System.nanoTime() - stepStarted));
            report.add(result, batch.get().skipped());
            if (result.updated()) {
                losses.add(result.loss());
            }
            long step = result.step();
            trained.putAll(batch.get().positions());
            if (step % settings.checkpointEvery() == 0) {
                last = checkpoints.save(step, trained, report.pairsTrained(), report.pairsSkipped(), trainer::save);
                source.commit(trained);
            }
            boolean evaluate = settings.evaluateEvery() > 0 && step % settings.evaluateEvery() == 0;
            if (evaluate && probe != null) {
                accuracy = Optional.of(evaluate());
                sink.publish(report.drain(accuracy.get()));
            } else if (step % settings.reportEvery() == 0) {
                sink.publish(report.drain(null));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long steps = trainer.completedSteps() - firstStep;
        if (steps > 0 && (last == null || last.step() != trainer.completedSteps())) {
            log.info("Run {} ends between checkpoints; steps after {} will be repeated on resume",
                    settings.runId(), last == null ? 0 : last.step());
        }
        if (probe != null && steps > 0) {
            accuracy = Optional.of(evaluate());
            sink.publish(report.drain(accuracy.get()));
        }
        return new RunSummary(firstStep, trainer.completedSteps(), losses, accuracy, report.pairsTrained(), report.pairsSkipped(),
                seconds > 0 ? steps / seconds : 0, last);
    }

    private double evaluate() {
        long started = System.nanoTime();
        double accuracy = probe.accuracy(trainer::represent);
        meters.evaluated(accuracy);
        log.info("Step {}: linear-probe accuracy {} ({} s)", trainer.completedSteps(), String.format("%.4f", accuracy),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return accuracy;
    }

    /** The next full batch, or empty when the stream stayed idle past the timeout. */
    private Optional<MiniBatch> nextBatch(BatchAssembler assembler) {
        long idleSince = System.nanoTime();
        while (!assembler.isFull()) {
            if (pending.isEmpty()) {
                List<SourcedPair> polled = source.poll(settings.pollTimeout());
                if (polled.isEmpty()) {
                    boolean idle = !settings.idleTimeout().isZero()
                            && System.nanoTime() - idleSince > settings.idleTimeout().toNanos();
                    if (idle) {
                        return Optional.empty();
                    }
                    continue;
                }
                pending.addAll(polled);
                idleSince = System.nanoTime();
            }
            assembler.offer(pending.poll());
        }
        return Optional.of(assembler.drain());
    }
}

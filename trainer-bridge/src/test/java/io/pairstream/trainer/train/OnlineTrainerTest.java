package io.pairstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pairstream.trainer.TestPairs;
import io.pairstream.trainer.batch.BatchAssembler;
import io.pairstream.trainer.batch.ImageFormat;
import io.pairstream.trainer.batch.MiniBatch;
import io.pairstream.trainer.config.PositiveGuidance;
import io.pairstream.trainer.config.TrainingSettings;
import io.pairstream.trainer.config.TrainingStrategy;
import io.pairstream.trainer.source.SourcedPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineTrainerTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheSameStepsAfterAResumeAsWithout() {
        TrainingSettings settings = TrainingSettings.defaults(TrainingStrategy.ADD_NEW_POSITIVE, PositiveGuidance.ANY).withBatchSize(8);
        List<MiniBatch> batches = batches(settings, 4);
        List<Float> straight = new ArrayList<>();
        float stepThreeUntrained;
        try (OnlineTrainer fresh = new OnlineTrainer(settings)) {
            stepThreeUntrained = fresh.step(batches.get(2)).loss();
        }
        try (OnlineTrainer trainer = new OnlineTrainer(settings)) {
            for (MiniBatch batch : batches) {
                straight.add(trainer.step(batch).loss());
                if (trainer.completedSteps() == 2) {
                    trainer.save(dir);
                }
            }
        }
        try (OnlineTrainer resumed = new OnlineTrainer(settings)) {
            resumed.load(dir);
            assertEquals(2, resumed.completedSteps());
            assertTrue(Math.abs(stepThreeUntrained - straight.get(2)) > 1e-3, "the steps before the checkpoint must matter");
            for (int i = 2; i < 4; i++) {
                StepResult result = resumed.step(batches.get(i));
                assertEquals(i + 1, result.step());
                assertEquals(straight.get(i), result.loss(), 1e-4, "step " + (i + 1));
            }
        }
    }

    @Test
    void shouldLowerTheLossOnTheBatchesItTrainsOn() {
        TrainingSettings settings = TrainingSettings.defaults(TrainingStrategy.BASELINE, PositiveGuidance.ANY).withBatchSize(16);
        List<MiniBatch> batches = batches(settings, 2);
        try (OnlineTrainer trainer = new OnlineTrainer(settings)) {
            float first = (trainer.step(batches.get(0)).loss() + trainer.step(batches.get(1)).loss()) / 2;
            float last = 0;
            for (int step = 0; step < 30; step++) {
                last = trainer.step(batches.get(step % 2)).loss();
            }
            assertTrue(last < first, "loss " + first + " -> " + last);
            assertEquals(SimClrNetwork.REPRESENTATION, trainer.represent(List.of(batches.get(0).pairs().get(0).anchorPixels()))[0].length);
        }
    }

    private static List<MiniBatch> batches(TrainingSettings settings, int count) {
        BatchAssembler assembler = new BatchAssembler(new ImageFormat(28, 1), PositiveGuidance.ANY, true,
                settings.batchSize());
        List<MiniBatch> out = new ArrayList<>();
        TopicPartition partition = new TopicPartition("pairs.positive", 0);
        for (int i = 0; out.size() < count; i++) {
            assembler.offer(new SourcedPair(partition, i, TestPairs.simple("a" + i, "p" + i, i % 10)));
            if (assembler.isFull()) {
                out.add(assembler.drain());
            }
        }
        return out;
    }
}

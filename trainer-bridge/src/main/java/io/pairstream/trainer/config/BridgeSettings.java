package io.pairstream.trainer.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the bridge runs around the trainer: where checkpoints go and how often, how often it
 * evaluates and reports, and how long it waits for input.
 *
 * @param checkpointEvery steps between checkpoints; offsets are committed with each checkpoint, so
 *                        1 means a crash repeats at most the step in flight
 * @param evaluateEvery   steps between linear-probe evaluations; 0 evaluates only at the end
 * @param reportEvery     steps between metrics records
 * @param idleTimeout     the run ends when no pair arrives for this long; zero waits forever
 */
public record BridgeSettings(String runId, Path checkpointDirectory, int checkpointEvery, int checkpointsKept,
                             int evaluateEvery, int reportEvery, Duration pollTimeout, Duration idleTimeout) {

    public BridgeSettings {
        if (runId == null || runId.isBlank() || checkpointDirectory == null || checkpointEvery < 1 || checkpointsKept < 1
                || evaluateEvery < 0 || reportEvery < 1 || pollTimeout.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("invalid bridge settings: " + this);
        }
    }
}

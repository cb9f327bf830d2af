package io.pairstream.topology.clock;

/**
 * The clocks the stages read, in place of the task's wall-clock time ({@code
 * ProcessorContext.currentSystemTimeMs()}): Kafka Streams reads that once per run of a task over up
 * to hundreds of records, and a run that waits on the model for a few batches lasts longer than an
 * embedding linger. Read from it, records that had just arrived looked a linger old, and emitted
 * pairs were stamped up to that much early. The service runs on {@link #SYSTEM}; a test moves its
 * own clock with its driver.
 */
public interface StageClock {

    /** {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    StageClock SYSTEM = new StageClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallClockMillis() {
            return System.currentTimeMillis();
        }
    };

    /** A monotonic time in nanoseconds, for how long something waited. */
    long nanoTime();

    /** The wall-clock time in milliseconds since the epoch, for the times written into records. */
    long wallClockMillis();
}

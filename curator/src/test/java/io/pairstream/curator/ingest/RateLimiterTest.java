package io.pairstream.curator.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void shouldPaceToTheRateAndCatchUpAfterASlowMoment() throws InterruptedException {
        AtomicLong nanos = new AtomicLong();
        AtomicLong slept = new AtomicLong();
        RateLimiter limiter = new RateLimiter(100, nanos::get, n -> {
            slept.addAndGet(n);
            nanos.addAndGet(n);
        });
        for (int i = 0; i < 101; i++) {
            limiter.acquire();
        }
        assertEquals(1_000_000_000L, nanos.get(), 1_000, "101 permits at 100/s span one second");

        nanos.addAndGet(500_000_000L);
        long before = slept.get();
        for (int i = 0; i < 50; i++) {
            limiter.acquire();
        }
        assertEquals(before, slept.get(), "permits owed after a pause are granted without waiting");
    }
}

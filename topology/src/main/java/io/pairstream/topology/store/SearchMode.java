package io.pairstream.topology.store;

/** How a search finds its neighbours. */
public enum SearchMode {
    /** Probe the nearest inverted lists, rank by quantised codes, re-rank the best exactly. */
    APPROXIMATE,
    /** Score every stored vector exactly; for small stores and for measuring recall. */
    EXACT
}

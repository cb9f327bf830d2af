/** Benchmark harnesses: each main class prints its figures; the commands are in the README. */
package io.pairstream.bench;

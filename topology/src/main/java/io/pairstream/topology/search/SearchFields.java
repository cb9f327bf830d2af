package io.pairstream.topology.search;

/** The names of the store fields holding caption and image vectors. */
public record SearchFields(String text, String image) {
}

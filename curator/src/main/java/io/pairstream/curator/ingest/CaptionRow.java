package io.pairstream.curator.ingest;

/**
 * One line of a captions file.
 *
 * @param line the 1-based line number, for messages
 * @param file the image file, relative to the image folder
 * @param caption the caption
 * @param label the ground-truth class, or null
 * @param id the sample's id, or null to use the file name
 */
record CaptionRow(int line, String file, String caption, String label, String id) {
}

package io.pairstream.topology.store;

import io.pairstream.topology.vector.VectorUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The exact float vectors of one field by ordinal, in a memory-mapped scratch file, so re-ranking
 * reads a few kilobytes of page cache instead of one RocksDB lookup and decode per candidate, and
 * the heap holds none of them. The file only mirrors RocksDB: it is truncated when opened, filled
 * as the index is rebuilt, and deleted on close; durability stays with RocksDB and the changelog.
 *
 * <p>Mappings are limited to 2 GiB each, so the file is mapped in fixed segments of whole vectors.
 */
final class MappedVectors implements AutoCloseable {

    private static final long SEGMENT_BYTES = 1L << 27;
    private static final int MAX_SEGMENT_VECTORS = 1 << 16;

    private final Path file;
    private final int dimension;
    private final int rowBytes;
    private final int segmentShift;
    private final int segmentMask;
    private final FileChannel channel;
    private MappedByteBuffer[] segments = new MappedByteBuffer[0];

    MappedVectors(Path file, int dimension) {
        this.file = file;
        this.dimension = dimension;
        this.rowBytes = dimension * Float.BYTES;
        int segmentVectors = Integer.highestOneBit((int) Math.max(1,
                Math.min(MAX_SEGMENT_VECTORS, SEGMENT_BYTES / rowBytes)));
        this.segmentShift = Integer.numberOfTrailingZeros(segmentVectors);
        this.segmentMask = segmentVectors - 1;
        try {
            Files.createDirectories(file.getParent());
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the vector file " + file, e);
        }
    }

    void put(int ordinal, float[] vector) {
        segment(ordinal).asFloatBuffer().put((ordinal & segmentMask) * dimension, vector);
    }

    float dotProduct(float[] query, int ordinal) {
        return VectorUtil.dotProduct(query, segments[ordinal >>> segmentShift], (ordinal & segmentMask) * rowBytes);
    }

    float[] vector(int ordinal) {
        float[] vector = new float[dimension];
        segments[ordinal >>> segmentShift].asFloatBuffer().get((ordinal & segmentMask) * dimension, vector);
        return vector;
    }

    /**
     * Drops the mappings and deletes the file. Java 17 cannot unmap on demand, so the pages go when
     * the collector frees the buffers; the deleted file's space is reclaimed then.
     */
    @Override
    public void close() {
        segments = new MappedByteBuffer[0];
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the vector file " + file, e);
        }
    }

    private MappedByteBuffer segment(int ordinal) {
        int index = ordinal >>> segmentShift;
        if (index >= segments.length) {
            int old = segments.length;
            segments = Arrays.copyOf(segments, index + 1);
            for (int s = old; s <= index; s++) {
                segments[s] = map(s);
            }
        }
        return segments[index];
    }

    private MappedByteBuffer map(int segment) {
        long size = (long) (segmentMask + 1) * rowBytes;
        try {
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, segment * size, size);
            buffer.order(ByteOrder.nativeOrder());
            return buffer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map segment " + segment + " of the vector file " + file, e);
        }
    }
}

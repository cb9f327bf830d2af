package io.pairstream.curator.dataset;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads IDX files (the MNIST container: magic {@code 0 0 type rank}, big-endian dimension sizes,
 * then the data), plain or gzip-compressed. Only unsigned-byte data is supported, which is what
 * MNIST and Fashion-MNIST use.
 */
final class IdxReader {

    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** The dimension sizes and the data of one IDX file. */
    record IdxArray(int[] dimensions, byte[] data) {
    }

    static IdxArray read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(MaybeGzipped.open(file))) {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1) {
                throw new IOException(file + " is not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int[] dimensions = new int[rank];
            long size = 1;
            for (int i = 0; i < rank; i++) {
                dimensions[i] = in.readInt();
                size *= dimensions[i];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " holds " + size + " values, more than one array can");
            }
            byte[] data = new byte[(int) size];
            in.readFully(data);
            return new IdxArray(dimensions, data);
        }
    }
}

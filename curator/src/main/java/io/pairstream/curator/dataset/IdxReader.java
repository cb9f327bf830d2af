package io.pairstream.curator.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST container: magic {@code 0 0 type rank}, big-endian dimension sizes,
 * then the data), plain or gzip-compressed. Only unsigned-byte data is supported, which is what
 * MNIST and Fashion-MNIST use.
 */
final class IdxReader {

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int GZIP_MAGIC = 0x1f8b;

    private IdxReader() {
    }

    /** The dimension sizes and the data of one IDX file. */
    record IdxArray(int[] dimensions, byte[] data) {
    }

    static IdxArray read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(open(file))) {
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

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int magic = (in.read() << 8) | in.read();
        in.reset();
        return magic == GZIP_MAGIC ? new GZIPInputStream(in) : in;
    }
}

package io.pairstream.bench.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Row-major float32 or int32 matrices in the file format the Python peers read with numpy: two
 * little-endian int32 (rows, columns) followed by the little-endian values.
 */
final class VectorFile {

    private static final int HEADER_BYTES = 2 * Integer.BYTES;

    private VectorFile() {
    }

    static void writeFloats(Path file, float[][] rows) throws IOException {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(header(rows.length, columns));
            ByteBuffer row = ByteBuffer.allocate(columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] values : rows) {
                row.clear();
                row.asFloatBuffer().put(values);
                out.write(row.array());
            }
        }
    }

    static void writeInts(Path file, int[][] rows) throws IOException {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(header(rows.length, columns));
            ByteBuffer row = ByteBuffer.allocate(columns * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] values : rows) {
                row.clear();
                row.asIntBuffer().put(values);
                out.write(row.array());
            }
        }
    }

    static float[][] readFloats(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            DataInputStream data = new DataInputStream(in);
            ByteBuffer header = ByteBuffer.wrap(data.readNBytes(HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
            int rows = header.getInt();
            int columns = header.getInt();
            float[][] matrix = new float[rows][columns];
            byte[] row = new byte[columns * Float.BYTES];
            for (float[] values : matrix) {
                data.readFully(row);
                ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            }
            return matrix;
        }
    }

    private static byte[] header(int rows, int columns) {
        return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(rows).putInt(columns).array();
    }
}

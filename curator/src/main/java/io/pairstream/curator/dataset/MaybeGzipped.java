package io.pairstream.curator.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a data file that may or may not be gzip-compressed, deciding by its first two bytes rather than its name. */
public final class MaybeGzipped {

    private static final int GZIP_MAGIC = 0x1f8b;

    private MaybeGzipped() {
    }

    /** The file's content, decompressed when it is gzip. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int magic = (in.read() << 8) | in.read();
        in.reset();
        return magic == GZIP_MAGIC ? new GZIPInputStream(in) : in;
    }
}

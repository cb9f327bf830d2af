package io.pairstream.curator.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The short SHA-256 of a model's weight files that goes into its version string, so vectors of two weight sets never mix. */
final class WeightsHash {

    private static final int HEX_DIGITS = 12;

    private final MessageDigest digest;

    WeightsHash() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    WeightsHash add(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return add(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model weights " + file, e);
        }
    }

    /** Adds the rest of {@code in}; the caller closes it. */
    WeightsHash add(InputStream in) {
        try {
            new DigestInputStream(in, digest).transferTo(OutputStream.nullOutputStream());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model weights", e);
        }
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, HEX_DIGITS);
    }
}

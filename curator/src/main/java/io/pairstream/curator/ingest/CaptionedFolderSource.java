package io.pairstream.curator.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A folder of images and a captions file (CSV or JSON Lines) naming an image and its caption per line. */
final class CaptionedFolderSource implements PairSource {

    private final Path images;
    private final Path captions;
    private final String source;

    CaptionedFolderSource(Path images, Path captions, String source) throws IOException {
        if (!Files.isDirectory(images)) {
            throw new NoSuchFileException(images.toString(), null, "not a folder of images");
        }
        if (!Files.isRegularFile(captions)) {
            throw new NoSuchFileException(captions.toString(), null, "no captions file");
        }
        this.images = images;
        this.captions = captions;
        this.source = source;
    }

    @Override
    public String description() {
        return "images in " + images + " captioned by " + captions;
    }

    @Override
    public long size() {
        return -1;
    }

    @Override
    public void readInto(PairSink sink) throws IOException {
        Path root = images.toAbsolutePath().normalize();
        for (CaptionRow row : CaptionsFile.read(captions, sink)) {
            Path file = root.resolve(row.file()).normalize();
            String item = captions.getFileName() + ":" + row.line() + " (" + row.file() + ")";
            if (!file.startsWith(root)) {
                sink.skip(item, "the file lies outside the image folder");
                continue;
            }
            byte[] image;
            long modified;
            try {
                image = Files.readAllBytes(file);
                modified = Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                sink.skip(item, "cannot read the image: " + e.getClass().getSimpleName() + " " + e.getMessage());
                continue;
            }
            String id = row.id() != null ? row.id() : source + "/" + root.relativize(file);
            if (!sink.accept(new RawSample(id, image, row.caption(), row.label(), source, modified))) {
                return;
            }
        }
    }
}

package io.pairstream.topology.select;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the vector store keeps of a sample besides its vectors and metadata, read back only for
 * chosen positives: its caption and, when pairs carry images inline, its encoded image.
 */
record SamplePayload(String caption, byte[] image) {

    private static final int NO_IMAGE = -1;

    byte[] encode() {
        byte[] text = caption.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(2 * Integer.BYTES + text.length + (image == null ? 0 : image.length));
        buffer.putInt(text.length).put(text);
        if (image == null) {
            buffer.putInt(NO_IMAGE);
        } else {
            buffer.putInt(image.length).put(image);
        }
        return buffer.array();
    }

    static SamplePayload decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] text = new byte[buffer.getInt()];
        buffer.get(text);
        int imageLength = buffer.getInt();
        byte[] image = null;
        if (imageLength != NO_IMAGE) {
            image = new byte[imageLength];
            buffer.get(image);
        }
        return new SamplePayload(new String(text, StandardCharsets.UTF_8), image);
    }
}

package io.pairstream.curator.model.train;

import io.pairstream.curator.dataset.FashionCaptions;
import io.pairstream.curator.dataset.EmojiEntry;
import io.pairstream.curator.dataset.LabelledImage;
import io.pairstream.curator.model.ImageDecoder;
import io.pairstream.curator.model.ImagePreprocessor;
import io.pairstream.curator.model.OnnxTextEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Preprocessed training images, each in a caption group (a Fashion-MNIST class, or one emoji), and
 * the frozen text embeddings of every group's captions. Images go through the same decoder and
 * preprocessor as at inference time, so training sees exactly what the runtime model will see.
 */
final class TrainingSet {

    private final int tensorLength;
    private final float[] pixels;
    private final int[] groups;
    private final int[][] captionsOfGroup;
    private final float[][] captionEmbeddings;

    private TrainingSet(int tensorLength, float[] pixels, int[] groups, int[][] captionsOfGroup, float[][] captionEmbeddings) {
        this.tensorLength = tensorLength;
        this.pixels = pixels;
        this.groups = groups;
        this.captionsOfGroup = captionsOfGroup;
        this.captionEmbeddings = captionEmbeddings;
    }

    /** Fashion-MNIST images form groups 0–9 (their classes); emoji {@code i} forms group {@code 10 + i}. */
    static TrainingSet build(List<LabelledImage> fashion, List<EmojiEntry> emoji, ImagePreprocessor preprocessor,
                             OnnxTextEncoder textEncoder) throws IOException {
        int count = fashion.size() + emoji.size();
        int length = preprocessor.tensorLength();
        float[] pixels = new float[Math.multiplyExact(count, length)];
        int[] groups = new int[count];
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
        for (int i = 0; i < fashion.size(); i++) {
            LabelledImage image = fashion.get(i);
            preprocessor.toTensor(ImageDecoder.toRgb(image.image()), pixels, i * length);
            groups[i] = image.label();
        }
        int classes = FashionCaptions.classCount();
        for (int e = 0; e < emoji.size(); e++) {
            int item = fashion.size() + e;
            preprocessor.toTensor(decoder.decode(Files.readAllBytes(emoji.get(e).image())), pixels, item * length);
            groups[item] = classes + e;
        }
        List<String> captions = new ArrayList<>();
        int[][] captionsOfGroup = new int[classes + emoji.size()][];
        for (int g = 0; g < captionsOfGroup.length; g++) {
            List<String> texts = g < classes ? FashionCaptions.of(g) : EmojiCaptions.of(emoji.get(g - classes));
            captionsOfGroup[g] = new int[texts.size()];
            for (int c = 0; c < texts.size(); c++) {
                captionsOfGroup[g][c] = captions.size();
                captions.add(texts.get(c));
            }
        }
        return new TrainingSet(length, pixels, groups, captionsOfGroup, textEncoder.embed(captions));
    }

    int size() {
        return groups.length;
    }

    int group(int item) {
        return groups[item];
    }

    int tensorLength() {
        return tensorLength;
    }

    void copyImage(int item, float[] target, int offset) {
        System.arraycopy(pixels, item * tensorLength, target, offset, tensorLength);
    }

    int captionCount(int item) {
        return captionsOfGroup[groups[item]].length;
    }

    /** Caption {@code choice} of the item's group, as its text embedding. */
    float[] caption(int item, int choice) {
        return captionEmbeddings[captionsOfGroup[groups[item]][choice]];
    }
}

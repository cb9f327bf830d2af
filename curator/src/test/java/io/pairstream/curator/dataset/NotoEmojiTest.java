package io.pairstream.curator.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotoEmojiTest {

    @TempDir
    Path directory;

    @Test
    void shouldListEmojiWithAGoogleImageAndReadableNames() throws IOException {
        Path images = Files.createDirectories(directory.resolve("img/google/64"));
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB), "png", images.resolve("1f600.png").toFile());
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB), "png", images.resolve("1f47d.png").toFile());
        Files.writeString(directory.resolve("emoji.json"), """
                [
                 {"name": "GRINNING FACE", "unified": "1F600", "image": "1f600.png", "short_names": ["grinning"],
                  "category": "Smileys & Emotion", "subcategory": "face-smiling", "has_img_google": true},
                 {"name": "EXTRATERRESTRIAL ALIEN", "unified": "1F47D", "image": "1f47d.png",
                  "short_names": ["alien", "space_invader"], "category": "Smileys & Emotion", "subcategory": "face-smiling", "has_img_google": false},
                 {"name": "FACE WITH TEARS OF JOY", "unified": "1F602", "image": "1f602.png", "short_names": ["joy"],
                  "category": "Smileys & Emotion", "subcategory": "face-smiling", "has_img_google": true}
                ]
                """);
        List<EmojiEntry> entries = NotoEmoji.read(directory);
        assertEquals(1, entries.size(), "no Google image, or image file missing: left out");
        EmojiEntry grinning = entries.get(0);
        assertEquals("grinning face", grinning.name());
        assertEquals(List.of("grinning"), grinning.shortNames());
        assertEquals("1F600", grinning.unified());
        assertEquals("face-smiling", grinning.subcategory());
        assertEquals(images.resolve("1f600.png"), grinning.image());
    }
}

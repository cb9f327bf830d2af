package io.pairstream.curator.demo;

import io.pairstream.schemas.records.PositivePair;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * The report of a demo run, in one folder: {@code index.html} with the summary, {@code pairs.png}
 * (a grid of anchor/positive pairs per source and strategy, with captions and scores) and
 * {@code metrics.png} (the pair-quality figures over the run's windows).
 */
final class DemoReport {

    private static final int CELL = 96;
    private static final int CAPTION_HEIGHT = 52;
    private static final int LABEL_WIDTH = 220;

    private DemoReport() {
    }

    /** Writes the report into {@code directory}; returns the path of its HTML page. */
    static Path write(Path directory, DemoSummary summary, DemoObserver observed) throws IOException {
        Files.createDirectories(directory);
        ImageIO.write(pairGrid(observed.gridPairs()), "png", directory.resolve("pairs.png").toFile());
        ImageIO.write(MetricCharts.draw(observed.windows()), "png", directory.resolve("metrics.png").toFile());
        StringBuilder html = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>pairstream demo report</title>
                <style>body{font-family:sans-serif;margin:24px;color:#222}pre{background:#f6f6f6;padding:12px}</style></head>
                <body><h1>pairstream demo report</h1>
                <h2>Pair quality</h2><pre>""");
        summary.lines().forEach(line -> html.append(escape(line)).append('\n'));
        html.append("""
                </pre>
                <h2>Sample pairs: anchor, then the positive chosen for it</h2><img src="pairs.png" alt="anchor and positive pairs">
                <h2>Quality over time (one point per window)</h2><img src="metrics.png" alt="pair-quality charts">
                </body></html>
                """);
        Path page = directory.resolve("index.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return page;
    }

    private static BufferedImage pairGrid(Map<String, List<PositivePair>> groups) throws IOException {
        Map<String, List<PositivePair>> sorted = new TreeMap<>(groups);
        int columns = sorted.values().stream().mapToInt(List::size).max().orElse(0);
        int rowHeight = CELL + CAPTION_HEIGHT + 12;
        BufferedImage grid = new BufferedImage(LABEL_WIDTH + Math.max(1, columns) * (2 * CELL + 24),
                Math.max(1, sorted.size()) * rowHeight + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        int row = 0;
        for (Map.Entry<String, List<PositivePair>> group : sorted.entrySet()) {
            int y = 8 + row++ * rowHeight;
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.drawString(group.getKey(), 8, y + CELL / 2);
            int column = 0;
            for (PositivePair pair : group.getValue()) {
                int x = LABEL_WIDTH + column++ * (2 * CELL + 24);
                g.drawImage(scaled(pair.getAnchorImage()), x, y, null);
                g.drawImage(scaled(pair.getPositiveImage()), x + CELL + 4, y, null);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                g.setColor(Color.BLACK);
                g.drawString(clip(pair.getAnchorCaption()), x, y + CELL + 12);
                g.drawString(clip(pair.getPositiveCaption()), x + CELL + 4, y + CELL + 12);
                g.setColor(pair.getAnchorLabel() != null && pair.getAnchorLabel().equals(pair.getPositiveLabel())
                        ? new Color(0x2CA02C) : new Color(0xD62728));
                g.drawString(clip(pair.getAnchorLabel() + " / " + pair.getPositiveLabel()), x, y + CELL + 26);
                g.setColor(Color.GRAY);
                g.drawString(String.format(Locale.ROOT, "text %.2f image %.2f p%.0f", pair.getTextSimilarity(),
                        pair.getImageSimilarity(), pair.getSimilarityPercentile()), x, y + CELL + 40);
            }
        }
        g.dispose();
        return grid;
    }

    private static Image scaled(ByteBuffer encoded) throws IOException {
        ByteBuffer view = encoded.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        return image == null ? new BufferedImage(CELL, CELL, BufferedImage.TYPE_INT_RGB) : image.getScaledInstance(CELL, CELL, Image.SCALE_FAST);
    }

    private static String clip(String text) {
        return text.length() <= 18 ? text : text.substring(0, 17) + "…";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

package io.pairstream.curator.demo;

import io.pairstream.schemas.records.PairQualityWindow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Draws the pair-quality figures of a run over time as a grid of small line charts. */
final class MetricCharts {

    private static final int PANEL_WIDTH = 360;
    private static final int PANEL_HEIGHT = 200;
    private static final int COLUMNS = 3;
    private static final int MARGIN = 36;

    /** One chart: its title and the figure of a window it plots. */
    private record Panel(String title, ToDoubleFunction<PairQualityWindow> figure) {
    }

    private static final List<Panel> PANELS = List.of(
            new Panel("records in per second", w -> w.getRecordsIn() * 1000.0 / windowMillis(w)),
            new Panel("positives per stored sample", PairQualityWindow::getPositivesPerAnchor),
            new Panel("label agreement of pairs", w -> w.getLabelAgreement() == null ? Double.NaN : w.getLabelAgreement()),
            new Panel("diversity (1 - image similarity)", PairQualityWindow::getDiversity),
            new Panel("mismatch rate", PairQualityWindow::getMismatchRate),
            new Panel("text similarity of pairs (median)", w -> w.getTextSimilarity().getCount() == 0 ? Double.NaN : w.getTextSimilarity().getP50()),
            new Panel("image similarity of pairs (median)", w -> w.getImageSimilarity().getCount() == 0 ? Double.NaN : w.getImageSimilarity().getP50()),
            new Panel("vector store size", PairQualityWindow::getStoreSize),
            new Panel("ingest-to-emit latency p50, ms", w -> w.getIngestToEmitMillis().getCount() == 0 ? Double.NaN : w.getIngestToEmitMillis().getP50()));

    private MetricCharts() {
    }

    static BufferedImage draw(List<PairQualityWindow> windows) {
        int rows = (PANELS.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < PANELS.size(); i++) {
            drawPanel(g, PANELS.get(i), windows, (i % COLUMNS) * PANEL_WIDTH, (i / COLUMNS) * PANEL_HEIGHT);
        }
        g.dispose();
        return image;
    }

    private static void drawPanel(Graphics2D g, Panel panel, List<PairQualityWindow> windows, int x0, int y0) {
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(panel.title(), x0 + MARGIN, y0 + 20);
        int left = x0 + MARGIN;
        int right = x0 + PANEL_WIDTH - 12;
        int top = y0 + 30;
        int bottom = y0 + PANEL_HEIGHT - 24;
        g.setColor(new Color(0xDDDDDD));
        g.drawRect(left, top, right - left, bottom - top);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (PairQualityWindow window : windows) {
            double value = panel.figure().applyAsDouble(window);
            if (!Double.isNaN(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        if (min > max) {
            g.setColor(Color.GRAY);
            g.drawString("no data", left + 8, top + 20);
            return;
        }
        if (max - min < 1e-9) {
            max = min + Math.max(1e-3, Math.abs(min) * 0.1);
        }
        g.setColor(Color.GRAY);
        g.drawString(String.format(Locale.ROOT, "%.3g", max), x0 + 2, top + 10);
        g.drawString(String.format(Locale.ROOT, "%.3g", min), x0 + 2, bottom);
        g.drawString("window", right - 40, bottom + 16);
        g.setColor(new Color(0x1F77B4));
        g.setStroke(new BasicStroke(2f));
        int previousX = -1;
        int previousY = -1;
        for (int i = 0; i < windows.size(); i++) {
            double value = panel.figure().applyAsDouble(windows.get(i));
            if (Double.isNaN(value)) {
                previousX = -1;
                continue;
            }
            int x = windows.size() == 1 ? (left + right) / 2 : left + (int) ((right - left) * (double) i / (windows.size() - 1));
            int y = bottom - (int) ((bottom - top) * (value - min) / (max - min));
            g.fillOval(x - 2, y - 2, 5, 5);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            previousX = x;
            previousY = y;
        }
    }

    private static double windowMillis(PairQualityWindow window) {
        return Math.max(1, window.getWindowEnd().toEpochMilli() - window.getWindowStart().toEpochMilli());
    }
}

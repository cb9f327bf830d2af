package io.pairstream.trainer.eval;

import java.util.List;
import java.util.function.Function;

/**
 * Linear-probe evaluation: the frozen encoder's representations of a labelled set, standardised
 * with the fitting half's statistics, a softmax-regression classifier fitted by full-batch Adam on
 * one half, and its top-1 accuracy on the other. Deterministic: the classifier starts at zero.
 */
public final class LinearProbe {

    private static final int ITERATIONS = 300;
    private static final double LEARNING_RATE = 0.05;
    private static final double L2 = 1e-4;

    private final List<ProbeImage> fit;
    private final List<ProbeImage> test;
    private final int classes;

    /**
     * @param fit  images the classifier is fitted on
     * @param test images its accuracy is measured on
     */
    public LinearProbe(List<ProbeImage> fit, List<ProbeImage> test) {
        if (fit.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("the probe needs images to fit and to test on");
        }
        this.fit = List.copyOf(fit);
        this.test = List.copyOf(test);
        this.classes = 1 + Math.max(fit.stream().mapToInt(ProbeImage::label).max().orElse(0),
                test.stream().mapToInt(ProbeImage::label).max().orElse(0));
    }

    /** Splits one labelled set: the first {@code fitFraction} fits, the rest tests. */
    public static LinearProbe split(List<ProbeImage> heldOut, double fitFraction) {
        int cut = (int) Math.round(heldOut.size() * fitFraction);
        return new LinearProbe(heldOut.subList(0, cut), heldOut.subList(cut, heldOut.size()));
    }

    /** Top-1 accuracy of a linear classifier on {@code encoder}'s representations. */
    public double accuracy(Function<List<float[]>, float[][]> encoder) {
        float[][] fitFeatures = encoder.apply(fit.stream().map(ProbeImage::pixels).toList());
        float[][] testFeatures = encoder.apply(test.stream().map(ProbeImage::pixels).toList());
        int width = fitFeatures[0].length;
        double[] mean = new double[width];
        double[] scale = new double[width];
        standardisation(fitFeatures, mean, scale);
        double[][] x = standardise(fitFeatures, mean, scale);
        double[][] weights = fitSoftmax(x, fit.stream().mapToInt(ProbeImage::label).toArray(), width);
        double[][] y = standardise(testFeatures, mean, scale);
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += argmax(logits(weights, y[i])) == test.get(i).label() ? 1 : 0;
        }
        return (double) correct / y.length;
    }

    private double[][] fitSoftmax(double[][] x, int[] labels, int width) {
        int inputs = width + 1;
        double[][] w = new double[classes][inputs];
        double[][] m = new double[classes][inputs];
        double[][] v = new double[classes][inputs];
        for (int t = 1; t <= ITERATIONS; t++) {
            double[][] gradient = new double[classes][inputs];
            for (int i = 0; i < x.length; i++) {
                double[] p = softmax(logits(w, x[i]));
                p[labels[i]] -= 1;
                for (int k = 0; k < classes; k++) {
                    for (int d = 0; d < width; d++) {
                        gradient[k][d] += p[k] * x[i][d];
                    }
                    gradient[k][width] += p[k];
                }
            }
            for (int k = 0; k < classes; k++) {
                for (int d = 0; d < inputs; d++) {
                    double g = gradient[k][d] / x.length + L2 * w[k][d];
                    m[k][d] = 0.9 * m[k][d] + 0.1 * g;
                    v[k][d] = 0.999 * v[k][d] + 0.001 * g * g;
                    double mHat = m[k][d] / (1 - Math.pow(0.9, t));
                    double vHat = v[k][d] / (1 - Math.pow(0.999, t));
                    w[k][d] -= LEARNING_RATE * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
        }
        return w;
    }

    private static double[] logits(double[][] w, double[] x) {
        double[] out = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            double sum = w[k][x.length];
            for (int d = 0; d < x.length; d++) {
                sum += w[k][d] * x[d];
            }
            out[k] = sum;
        }
        return out;
    }

    private static double[] softmax(double[] logits) {
        double max = logits[argmax(logits)];
        double total = 0;
        double[] out = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            out[k] = Math.exp(logits[k] - max);
            total += out[k];
        }
        for (int k = 0; k < logits.length; k++) {
            out[k] /= total;
        }
        return out;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void standardisation(float[][] features, double[] mean, double[] scale) {
        for (float[] row : features) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += row[d];
            }
        }
        for (int d = 0; d < mean.length; d++) {
            mean[d] /= features.length;
        }
        for (float[] row : features) {
            for (int d = 0; d < mean.length; d++) {
                scale[d] += (row[d] - mean[d]) * (row[d] - mean[d]);
            }
        }
        for (int d = 0; d < mean.length; d++) {
            scale[d] = Math.sqrt(scale[d] / features.length) + 1e-6;
        }
    }

    private static double[][] standardise(float[][] features, double[] mean, double[] scale) {
        double[][] out = new double[features.length][mean.length];
        for (int i = 0; i < features.length; i++) {
            for (int d = 0; d < mean.length; d++) {
                out[i][d] = (features[i][d] - mean[d]) / scale[d];
            }
        }
        return out;
    }
}

package io.pairstream.curator.tail;

import io.pairstream.schemas.records.DeadLetter;
import io.pairstream.schemas.records.Distribution;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import io.pairstream.schemas.records.RejectedPair;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One readable line per record of the curation's output topics. */
public final class RecordLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int CAPTION_CHARS = 60;

    private RecordLines() {
    }

    /** The line for any record the output topics carry; other values are printed as they are. */
    public static String format(Object record) {
        if (record instanceof PositivePair pair) {
            return positive(pair);
        }
        if (record instanceof RejectedPair rejected) {
            return rejected(rejected);
        }
        if (record instanceof PairQualityWindow window) {
            return window(window);
        }
        if (record instanceof DeadLetter letter) {
            return deadLetter(letter);
        }
        return String.valueOf(record);
    }

    static String positive(PositivePair p) {
        return String.format(Locale.ROOT, "%s positive  %s -> %s  %s #%d  text %.3f  image %.3f  cross %.3f  p%.0f  \"%s\" ~ \"%s\"%s",
                time(p.getEmittedAt()), p.getAnchorId(), p.getPositiveId(), p.getStrategy(), p.getRank(),
                p.getTextSimilarity(), p.getImageSimilarity(), p.getCrossSimilarity(), p.getSimilarityPercentile(),
                clip(p.getAnchorCaption()), clip(p.getPositiveCaption()), labels(p.getAnchorLabel(), p.getPositiveLabel()));
    }

    static String rejected(RejectedPair r) {
        return String.format(Locale.ROOT, "%s rejected  %s  %s  alignment %.3f (threshold %.3f)%s  \"%s\"%s  %s",
                time(r.getRejectedAt()), r.getPairId(), r.getReason(), r.getAlignmentScore(), r.getAlignmentThreshold(),
                r.getCaptionRank() == null ? "" : "  caption rank " + r.getCaptionRank(),
                clip(r.getCaption()), r.getLabel() == null ? "" : " [" + r.getLabel() + "]", r.getDetail());
    }

    static String window(PairQualityWindow w) {
        return String.format(Locale.ROOT, "%s window    %s-%s p%d  in %d  stored %d  rejected %d  dead %d  positives %d (%.2f/anchor)"
                        + "  label agreement %s  diversity %.3f  near-dup %.3f  mismatch %.3f  store %d  text sim p50 %.3f  latency p50 %.0f ms p99 %.0f ms",
                time(w.getWindowEnd()), time(w.getWindowStart()), time(w.getWindowEnd()), w.getPartition(), w.getRecordsIn(), w.getStored(),
                w.getRejected(), w.getDeadLettered(), w.getPositivesOut(), w.getPositivesPerAnchor(),
                w.getLabelAgreement() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", w.getLabelAgreement()),
                w.getDiversity(), w.getNearDuplicateRate(), w.getMismatchRate(), w.getStoreSize(),
                median(w.getTextSimilarity()), median(w.getIngestToEmitMillis()), w.getIngestToEmitMillis().getP99());
    }

    static String deadLetter(DeadLetter d) {
        return String.format(Locale.ROOT, "%s dead      %s[%d]@%d  %s  %s: %s",
                time(d.getFailedAt()), d.getTopic(), d.getPartition(), d.getOffset(), d.getStage(), d.getErrorClass(), d.getErrorMessage());
    }

    private static float median(Distribution distribution) {
        return distribution.getP50();
    }

    private static String labels(String anchor, String positive) {
        if (anchor == null && positive == null) {
            return "";
        }
        return "  [" + anchor + (anchor != null && anchor.equals(positive) ? " = " : " / ") + positive + "]";
    }

    private static String clip(String caption) {
        String flat = caption.replaceAll("\\s+", " ");
        return flat.length() <= CAPTION_CHARS ? flat : flat.substring(0, CAPTION_CHARS - 1) + "…";
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}

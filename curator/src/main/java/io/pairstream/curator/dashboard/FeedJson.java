package io.pairstream.curator.dashboard;

import com.google.gson.Gson;
import io.pairstream.curator.dataset.MediaTypes;
import io.pairstream.schemas.records.Distribution;
import io.pairstream.schemas.records.PairQualityWindow;
import io.pairstream.schemas.records.PositivePair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON the dashboard's page polls: windows for the charts, pairs (images as data URLs) for the gallery. */
final class FeedJson {

    private static final Gson GSON = new Gson();

    private FeedJson() {
    }

    static String windows(List<PairQualityWindow> windows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PairQualityWindow w : windows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("windowStart", w.getWindowStart().toEpochMilli());
            m.put("windowEnd", w.getWindowEnd().toEpochMilli());
            m.put("partition", w.getPartition());
            m.put("recordsIn", w.getRecordsIn());
            m.put("stored", w.getStored());
            m.put("rejected", w.getRejected());
            m.put("deadLettered", w.getDeadLettered());
            m.put("positivesOut", w.getPositivesOut());
            m.put("positivesPerAnchor", finite(w.getPositivesPerAnchor()));
            m.put("labelAgreement", w.getLabelAgreement() == null ? null : finite(w.getLabelAgreement()));
            m.put("diversity", finite(w.getDiversity()));
            m.put("nearDuplicateRate", finite(w.getNearDuplicateRate()));
            m.put("mismatchRate", finite(w.getMismatchRate()));
            m.put("storeSize", w.getStoreSize());
            m.put("textSimilarity", distribution(w.getTextSimilarity()));
            m.put("imageSimilarity", distribution(w.getImageSimilarity()));
            m.put("crossSimilarity", distribution(w.getCrossSimilarity()));
            m.put("alignment", distribution(w.getAlignment()));
            m.put("latencyMillis", distribution(w.getIngestToEmitMillis()));
            m.put("estimatedRecall", w.getEstimatedRecall() == null ? null : finite(w.getEstimatedRecall()));
            out.add(m);
        }
        return GSON.toJson(out);
    }

    static String pairs(List<PositivePair> pairs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PositivePair p : pairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("anchorId", p.getAnchorId());
            m.put("positiveId", p.getPositiveId());
            m.put("strategy", p.getStrategy().name());
            m.put("rank", p.getRank());
            m.put("textSimilarity", finite(p.getTextSimilarity()));
            m.put("imageSimilarity", finite(p.getImageSimilarity()));
            m.put("crossSimilarity", finite(p.getCrossSimilarity()));
            m.put("similarityPercentile", finite(p.getSimilarityPercentile()));
            m.put("anchorCaption", p.getAnchorCaption());
            m.put("positiveCaption", p.getPositiveCaption());
            m.put("anchorLabel", p.getAnchorLabel());
            m.put("positiveLabel", p.getPositiveLabel());
            m.put("anchorImage", dataUrl(p.getAnchorImage()));
            m.put("positiveImage", dataUrl(p.getPositiveImage()));
            m.put("emittedAt", p.getEmittedAt().toEpochMilli());
            out.add(m);
        }
        return GSON.toJson(out);
    }

    private static Map<String, Object> distribution(Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", d.getCount());
        m.put("mean", finite(d.getMean()));
        m.put("p10", finite(d.getP10()));
        m.put("p50", finite(d.getP50()));
        m.put("p90", finite(d.getP90()));
        m.put("p99", finite(d.getP99()));
        return m;
    }

    /** JSON has no NaN or infinity; the page treats null as a gap. */
    private static Float finite(float value) {
        return Float.isFinite(value) ? value : null;
    }

    private static String dataUrl(ByteBuffer image) {
        if (image == null) {
            return null;
        }
        ByteBuffer bytes = image.duplicate();
        byte[] data = new byte[bytes.remaining()];
        bytes.get(data);
        String type = MediaTypes.sniff(data);
        return "data:" + (type == null ? "application/octet-stream" : type) + ";base64," + Base64.getEncoder().encodeToString(data);
    }
}

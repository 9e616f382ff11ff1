package dev.poker.load.gen;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one run, as the text, JSON and HTML reports show it: headline figures, latency
 * distributions (HdrHistograms in microseconds), a per-second timeline, scenario tables (capacity steps,
 * storm outcomes, failover tables and players), SLO checks, and errors by code.
 *
 * <p>Concurrency: built by one thread, then only read.
 */
final class LoadReport {
    /** Percentiles shown in the summaries. */
    static final double[] SUMMARY_PERCENTILES = {50, 90, 99, 99.9};

    /** A headline figure; {@code key} is its JSON name (units in the name: {@code …Ms}, {@code …PerSecond}). */
    record Metric(String key, String label, Object value, String unit) {}

    /** A latency distribution in microseconds; distributions of one {@code group} share a chart. */
    record Distribution(String key, String label, String group, String note, Histogram histogram) {}

    record Column(String key, String label) {}

    /** Rows of named values (JSON: an array of objects keyed by the column keys). */
    record Table(String key, String title, String note, List<Column> columns, List<Map<String, Object>> rows) {}

    /** A chart of timeline columns over time. */
    record Chart(String title, String yLabel, List<String> keys) {}

    record Check(String name, String threshold, String actual, boolean passed) {}

    /** Something that happened at second {@code t} of the run (a step, a kill), drawn on the charts. */
    record Marker(double t, String label) {}

    final String scenario;
    final String title;
    final List<String> targets;
    final Instant startedAt;
    double seconds;
    final Map<String, Object> settings;
    final List<Metric> headline = new ArrayList<>();
    final List<Distribution> distributions = new ArrayList<>();
    final List<Column> timelineColumns = new ArrayList<>();
    final List<Map<String, Object>> timeline = new ArrayList<>();
    final List<Chart> charts = new ArrayList<>();
    final List<Marker> markers = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<Check> checks = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, Long> errorsByCode = new TreeMap<>();
    long requests;
    long errors;

    LoadReport(String scenario, String title, List<String> targets, Instant startedAt, Map<String, Object> settings) {
        this.scenario = scenario;
        this.title = title;
        this.targets = List.copyOf(targets);
        this.startedAt = startedAt;
        this.settings = settings;
    }

    void metric(String key, String label, Object value, String unit) {
        headline.add(new Metric(key, label, value, unit));
    }

    void check(String name, String threshold, String actual, boolean passed) {
        checks.add(new Check(name, threshold, actual, passed));
    }

    /** Whether every check passed (a run without checks passes). */
    boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    // ------------------------------------------------------------------ histogram helpers

    /** Milliseconds at {@code percentile} (0 to 100) of a microsecond histogram; 0 when it is empty. */
    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0;
    }

    static double meanMs(Histogram h) {
        return h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0;
    }

    /** Points of the percentile curve: (percentile, ms) at 0, 10, ... 90, 95, 99, 99.5, 99.9, ... 100. */
    static List<double[]> curve(Histogram h) {
        List<double[]> out = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return out;
        }
        double[] levels = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100};
        for (double p : levels) {
            out.add(new double[] {p, p == 100 ? maxMs(h) : ms(h, p)});
        }
        return out;
    }

    /** The histogram in HdrHistogram's compressed encoding, Base64 (for re-analysis with HdrHistogram). */
    static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[n];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The summary of one distribution (JSON). */
    static Map<String, Object> summary(Distribution d) {
        Histogram h = d.histogram();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", d.label());
        if (d.note() != null) {
            m.put("note", d.note());
        }
        m.put("count", h.getTotalCount());
        boolean empty = h.getTotalCount() == 0;
        m.put("minMs", empty ? null : h.getMinValue() / 1000.0);
        m.put("meanMs", empty ? null : meanMs(h));
        m.put("p50Ms", empty ? null : ms(h, 50));
        m.put("p90Ms", empty ? null : ms(h, 90));
        m.put("p99Ms", empty ? null : ms(h, 99));
        m.put("p999Ms", empty ? null : ms(h, 99.9));
        m.put("maxMs", empty ? null : maxMs(h));
        List<Map<String, Object>> points = new ArrayList<>();
        for (double[] p : curve(h)) {
            Map<String, Object> pt = new LinkedHashMap<>();
            pt.put("percentile", p[0]);
            pt.put("ms", p[1]);
            points.add(pt);
        }
        m.put("percentiles", points);
        m.put("unit", "microseconds in the histogram, milliseconds elsewhere");
        m.put("hdrHistogram", encode(h));
        return m;
    }

    /** The whole report as JSON. */
    String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "poker load");
        root.put("formatVersion", 1);
        root.put("scenario", scenario);
        root.put("title", title);
        root.put("targets", targets);
        root.put("startedAt", startedAt.toString());
        root.put("durationSeconds", seconds);
        root.put("passed", passed());
        root.put("settings", settings);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Metric m : headline) {
            summary.put(m.key(), m.value());
        }
        root.put("summary", summary);
        Map<String, Object> latency = new LinkedHashMap<>();
        for (Distribution d : distributions) {
            latency.put(d.key(), summary(d));
        }
        root.put("latency", latency);
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("errors", errors);
        err.put("requests", requests);
        err.put("rate", errorRate());
        err.put("byCode", errorsByCode);
        root.put("errors", err);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("threshold", c.threshold());
            m.put("actual", c.actual());
            m.put("passed", c.passed());
            cs.add(m);
        }
        root.put("checks", cs);
        Map<String, Object> ts = new LinkedHashMap<>();
        for (Table t : tables) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", t.title());
            if (t.note() != null) {
                m.put("note", t.note());
            }
            m.put("rows", t.rows());
            ts.put(t.key(), m);
        }
        root.put("tables", ts);
        List<Map<String, Object>> ms = new ArrayList<>();
        for (Marker mk : markers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t", mk.t());
            m.put("label", mk.label());
            ms.add(m);
        }
        root.put("markers", ms);
        root.put("timeline", timeline);
        root.put("notes", notes);
        return ReportJson.write(root);
    }
}

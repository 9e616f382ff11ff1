package dev.poker.load.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts (throughput and latency
 * over time, latency percentile curves), no scripts and no network resources, so it opens anywhere and
 * can be mailed or archived as is.
 *
 * <p>Concurrency: stateless.
 */
final class HtmlReport {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#17becf", "#7f7f7f"};
    private static final int W = 820;
    private static final int H = 280;
    private static final int ML = 64;
    private static final int MR = 34;
    private static final int MT = 34;
    private static final int MB = 44;

    private HtmlReport() {}

    static String render(LoadReport r) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        String verdict = r.passed() ? "PASS" : "FAIL";
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.append("<title>poker load ").append(esc(r.scenario)).append(" – ").append(verdict).append("</title>\n");
        sb.append("<style>\n").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>poker load: ").append(esc(r.scenario)).append(" <span class=\"badge ")
                .append(r.passed() ? "pass" : "fail").append("\">").append(verdict).append("</span></h1>\n");
        sb.append("<p class=\"sub\">").append(esc(r.title)).append("<br>target ")
                .append(esc(String.join(", ", r.targets))).append(" · started ").append(esc(r.startedAt.toString()))
                .append(String.format(Locale.ROOT, " · ran %.1f s", r.seconds)).append(" · seed ")
                .append(esc(String.valueOf(r.settings.get("seed")))).append("</p>\n");

        sb.append("<div class=\"cards\">\n");
        for (LoadReport.Metric m : r.headline) {
            sb.append("<div class=\"card\"><div class=\"v\">").append(esc(TextReport.format(m.value())))
                    .append(m.unit() == null || m.unit().isEmpty() ? "" : " <small>" + esc(m.unit()) + "</small>")
                    .append("</div><div class=\"k\">").append(esc(m.label())).append("</div></div>\n");
        }
        sb.append("</div>\n");

        if (!r.checks.isEmpty()) {
            sb.append("<h2>Checks</h2>\n<table><tr><th></th><th>check</th><th>threshold</th><th>actual</th></tr>\n");
            for (LoadReport.Check c : r.checks) {
                sb.append("<tr><td class=\"").append(c.passed() ? "pass" : "fail").append("\">")
                        .append(c.passed() ? "PASS" : "FAIL").append("</td><td>").append(esc(c.name()))
                        .append("</td><td>").append(esc(c.threshold())).append("</td><td>").append(esc(c.actual()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }

        if (!r.charts.isEmpty() && !r.timeline.isEmpty()) {
            sb.append("<h2>Over time</h2>\n");
            Map<String, String> labels = new LinkedHashMap<>();
            for (LoadReport.Column c : r.timelineColumns) {
                labels.put(c.key(), c.label());
            }
            double[] xs = new double[r.timeline.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = number(r.timeline.get(i).get("t"));
            }
            for (LoadReport.Chart chart : r.charts) {
                List<String> names = new ArrayList<>();
                List<double[]> ys = new ArrayList<>();
                for (String k : chart.keys()) {
                    double[] y = new double[xs.length];
                    for (int i = 0; i < xs.length; i++) {
                        y[i] = number(r.timeline.get(i).get(k));
                    }
                    names.add(labels.getOrDefault(k, k));
                    ys.add(y);
                }
                sb.append(lineChart(chart.title(), "seconds", chart.yLabel(), xs, names, ys, r.markers)).append('\n');
            }
        }

        if (!r.distributions.isEmpty()) {
            sb.append("<h2>Latency percentiles</h2>\n");
            Map<String, List<LoadReport.Distribution>> groups = new LinkedHashMap<>();
            for (LoadReport.Distribution d : r.distributions) {
                groups.computeIfAbsent(d.group(), g -> new ArrayList<>()).add(d);
            }
            for (Map.Entry<String, List<LoadReport.Distribution>> g : groups.entrySet()) {
                sb.append(percentileChart(g.getKey(), g.getValue())).append('\n');
            }
            sb.append("<table><tr><th>distribution</th><th>count</th><th>mean</th><th>p50</th><th>p90</th>"
                    + "<th>p99</th><th>p99.9</th><th>max</th></tr>\n");
            for (LoadReport.Distribution d : r.distributions) {
                Histogram h = d.histogram();
                sb.append("<tr><td>").append(esc(d.label())).append("</td><td class=\"n\">").append(h.getTotalCount());
                for (double v : new double[] {LoadReport.meanMs(h), LoadReport.ms(h, 50), LoadReport.ms(h, 90),
                    LoadReport.ms(h, 99), LoadReport.ms(h, 99.9), LoadReport.maxMs(h)}) {
                    sb.append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.2f ms", v));
                }
                sb.append("</td></tr>\n");
            }
            sb.append("</table>\n");
            for (LoadReport.Distribution d : r.distributions) {
                if (d.note() != null) {
                    sb.append("<p class=\"note\"><b>").append(esc(d.label())).append(":</b> ").append(esc(d.note()))
                            .append("</p>\n");
                }
            }
        }

        for (LoadReport.Table t : r.tables) {
            sb.append("<h2>").append(esc(t.title())).append("</h2>\n");
            if (t.note() != null) {
                sb.append("<p class=\"note\">").append(esc(t.note())).append("</p>\n");
            }
            sb.append("<table><tr>");
            for (LoadReport.Column c : t.columns()) {
                sb.append("<th>").append(esc(c.label())).append("</th>");
            }
            sb.append("</tr>\n");
            for (Map<String, Object> row : t.rows()) {
                sb.append("<tr>");
                for (LoadReport.Column c : t.columns()) {
                    Object v = row.get(c.key());
                    sb.append(v instanceof Number ? "<td class=\"n\">" : "<td>").append(esc(TextReport.format(v)))
                            .append("</td>");
                }
                sb.append("</tr>\n");
            }
            if (t.rows().isEmpty()) {
                sb.append("<tr><td colspan=\"").append(t.columns().size()).append("\">(none)</td></tr>\n");
            }
            sb.append("</table>\n");
        }

        sb.append("<h2>Errors</h2>\n<p>").append(r.errors).append(" of ").append(r.requests)
                .append(String.format(Locale.ROOT, " requests (%.3f%%)", 100 * r.errorRate())).append("</p>\n");
        if (!r.errorsByCode.isEmpty()) {
            sb.append("<table><tr><th>code</th><th>count</th></tr>\n");
            r.errorsByCode.forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td class=\"n\">")
                    .append(v).append("</td></tr>\n"));
            sb.append("</table>\n");
        }

        if (!r.notes.isEmpty()) {
            sb.append("<h2>Notes</h2>\n<ul>\n");
            for (String n : r.notes) {
                sb.append("<li>").append(esc(n)).append("</li>\n");
            }
            sb.append("</ul>\n");
        }

        sb.append("<h2>Settings</h2>\n<table>\n");
        r.settings.forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td>")
                .append(esc(TextReport.format(v))).append("</td></tr>\n"));
        sb.append("</table>\n");
        sb.append("<footer>Generated by <code>./poker load ").append(esc(r.scenario)).append("</code>. Latency: ")
                .append("HdrHistogram, measured from the intended send time (corrected for coordinated omission); ")
                .append("the JSON report holds every figure and the encoded histograms.</footer>\n");
        sb.append("</body></html>\n");
        return sb.toString();
    }

    // ------------------------------------------------------------------ charts

    /** A line chart with a shared x axis; NaN values leave gaps. */
    static String lineChart(String title, String xLabel, String yLabel, double[] xs, List<String> names,
            List<double[]> ys, List<LoadReport.Marker> markers) {
        double xMin = xs.length == 0 ? 0 : xs[0];
        double xMax = xs.length == 0 ? 1 : xs[xs.length - 1];
        if (xMax <= xMin) {
            xMax = xMin + 1;
        }
        double yMax = 0;
        for (double[] y : ys) {
            for (double v : y) {
                if (!Double.isNaN(v)) {
                    yMax = Math.max(yMax, v);
                }
            }
        }
        double yStep = niceStep(yMax <= 0 ? 1 : yMax / 5);
        yMax = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
        Axis ax = new Axis(xMin, xMax, 0, yMax);
        StringBuilder s = new StringBuilder();
        svgStart(s, title);
        gridY(s, ax, yStep, yLabel, v -> TextReport.format(v));
        double xStep = niceStep((xMax - xMin) / 8);
        for (double x = Math.ceil(xMin / xStep) * xStep; x <= xMax + 1e-9; x += xStep) {
            tickX(s, ax.x(x), TextReport.format(x));
        }
        s.append(text(ML + (W - ML - MR) / 2.0, H - 6, xLabel, "middle", "axis"));
        if (markers != null) {
            int n = 0;
            for (LoadReport.Marker m : markers) {
                if (m.t() >= xMin && m.t() <= xMax) {
                    double x = ax.x(m.t());
                    s.append(String.format(Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"marker\"/>", x, MT, x, H - MB));
                    s.append(text(x + 3, MT + 10 + 12 * (n++ % 3), m.label(), "start", "mlabel"));
                }
            }
        }
        for (int i = 0; i < ys.size(); i++) {
            polyline(s, ax, xs, ys.get(i), COLORS[i % COLORS.length]);
        }
        legend(s, names);
        s.append("</svg>");
        return s.toString();
    }

    /**
     * The latency percentile curve: x is the percentile on a "nines" scale (0, 90, 99, 99.9, ...: -log10 of
     * the fraction above), y the latency in ms.
     */
    static String percentileChart(String title, List<LoadReport.Distribution> ds) {
        long maxCount = 1;
        double yMax = 0;
        for (LoadReport.Distribution d : ds) {
            maxCount = Math.max(maxCount, d.histogram().getTotalCount());
            yMax = Math.max(yMax, LoadReport.maxMs(d.histogram()));
        }
        int nines = (int) Math.max(2, Math.min(6, Math.ceil(Math.log10(maxCount))));
        double yStep = niceStep(yMax <= 0 ? 1 : yMax / 5);
        yMax = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
        Axis ax = new Axis(0, nines, 0, yMax);
        StringBuilder s = new StringBuilder();
        svgStart(s, title);
        gridY(s, ax, yStep, "ms", v -> TextReport.format(v));
        for (int k = 0; k <= nines; k++) {
            tickX(s, ax.x(k), nineLabel(k));
        }
        s.append(text(ML + (W - ML - MR) / 2.0, H - 6, "percentile", "middle", "axis"));
        List<String> names = new ArrayList<>();
        int n = 240;
        for (int i = 0; i < ds.size(); i++) {
            Histogram h = ds.get(i).histogram();
            names.add(ds.get(i).label() + " (" + h.getTotalCount() + ")");
            if (h.getTotalCount() == 0) {
                continue;
            }
            double[] xs = new double[n + 1];
            double[] ys = new double[n + 1];
            for (int j = 0; j <= n; j++) {
                double x = nines * (double) j / n;
                double p = 100 * (1 - Math.pow(10, -x));
                xs[j] = x;
                ys[j] = j == n ? LoadReport.maxMs(h) : LoadReport.ms(h, p);
            }
            polyline(s, ax, xs, ys, COLORS[i % COLORS.length]);
        }
        legend(s, names);
        s.append("</svg>");
        return s.toString();
    }

    static String nineLabel(int k) {
        if (k == 0) {
            return "0%";
        }
        if (k == 1) {
            return "90%";
        }
        return "99" + (k > 2 ? "." + "9".repeat(k - 2) : "") + "%";
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    private record Axis(double x0, double x1, double y0, double y1) {
        double x(double v) {
            return ML + (v - x0) / (x1 - x0) * (W - ML - MR);
        }

        double y(double v) {
            return H - MB - (v - y0) / (y1 - y0) * (H - MT - MB);
        }
    }

    private static void svgStart(StringBuilder s, String title) {
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"%s\">", W, H, W, H, esc(title)));
        s.append(text(ML, 20, title, "start", "title"));
    }

    private static void gridY(StringBuilder s, Axis ax, double step, String label,
            java.util.function.DoubleFunction<String> fmt) {
        for (double v = ax.y0(); v <= ax.y1() + step / 1000; v += step) {
            double y = ax.y(v);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>", ML,
                    y, W - MR, y));
            s.append(text(ML - 6, y + 4, fmt.apply(v), "end", "tick"));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" class=\"axis\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %.1f)\">%s</text>", (MT + H - MB) / 2.0, (MT + H - MB) / 2.0, esc(label)));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"frame\"/>", ML,
                H - MB, W - MR, H - MB));
    }

    private static void tickX(StringBuilder s, double x, String label) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"frame\"/>", x,
                H - MB, x, H - MB + 4));
        s.append(text(x, H - MB + 16, label, "middle", "tick"));
    }

    private static void polyline(StringBuilder s, Axis ax, double[] xs, double[] ys, String color) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < xs.length && i < ys.length; i++) {
            if (Double.isNaN(ys[i])) {
                flush(s, pts, color);
                continue;
            }
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", ax.x(xs[i]), ax.y(ys[i])));
        }
        flush(s, pts, color);
    }

    private static void flush(StringBuilder s, StringBuilder pts, String color) {
        if (pts.length() == 0) {
            return;
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.8\" points=\"")
                .append(pts.toString().trim()).append("\"/>");
        pts.setLength(0);
    }

    private static void legend(StringBuilder s, List<String> names) {
        double x = W - MR;
        for (int i = names.size() - 1; i >= 0; i--) {
            String name = names.get(i);
            double width = 18 + name.length() * 6.2;
            x -= width + 10;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"12\" width=\"12\" height=\"4\" fill=\"%s\"/>", x,
                    COLORS[i % COLORS.length]));
            s.append(text(x + 16, 18, name, "start", "legend"));
        }
    }

    private static String text(double x, double y, String t, String anchor, String cls) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>", x, y,
                anchor, cls, esc(t));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:880px;\
            color:#222;padding:0 12px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;\
            padding-bottom:3px}
            .sub{color:#666;margin:0 0 14px}.badge{font-size:13px;padding:2px 8px;border-radius:4px;color:#fff;\
            vertical-align:middle}
            .badge.pass{background:#2a8a3e}.badge.fail{background:#c0392b}td.pass{color:#2a8a3e;font-weight:600}\
            td.fail{color:#c0392b;font-weight:600}
            .cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;\
            min-width:120px}
            .card .v{font-size:19px;font-weight:600}.card .k{color:#666;font-size:12px}.card small{font-size:12px;\
            font-weight:400;color:#666}
            table{border-collapse:collapse;margin:6px 0;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;\
            text-align:left}th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
            svg.chart{display:block;margin:10px 0;max-width:100%;height:auto;background:#fff}
            svg .grid{stroke:#eee}svg .frame{stroke:#999}svg .marker{stroke:#c0392b;stroke-dasharray:4 3}
            svg text{font:11px system-ui,sans-serif;fill:#444}svg .title{font-size:13px;font-weight:600;fill:#222}
            svg .axis{fill:#666}svg .mlabel{fill:#c0392b}
            .note{color:#555;font-size:13px}footer{margin-top:30px;color:#888;font-size:12px}
            """;
}

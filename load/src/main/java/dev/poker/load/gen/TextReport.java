package dev.poker.load.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;

/**
 * The report for the terminal: headline figures, latency percentiles, scenario tables (at most
 * {@link #MAX_ROWS} rows each; the JSON report has them all), errors, checks and the verdict.
 *
 * <p>Concurrency: stateless.
 */
final class TextReport {
    static final int MAX_ROWS = 30;

    private TextReport() {}

    static String render(LoadReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("== poker load ").append(r.scenario).append(": ").append(r.title).append(" ==\n");
        sb.append("target   ").append(String.join(", ", r.targets)).append('\n');
        sb.append(String.format(Locale.ROOT, "ran      %.1f s from %s, seed %s%n", r.seconds, r.startedAt,
                r.settings.get("seed")));
        int w = 0;
        for (LoadReport.Metric m : r.headline) {
            w = Math.max(w, m.label().length());
        }
        for (LoadReport.Metric m : r.headline) {
            sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %s%s%n", m.label(), format(m.value()),
                    m.unit() == null || m.unit().isEmpty() ? "" : " " + m.unit()));
        }
        if (!r.distributions.isEmpty()) {
            sb.append('\n');
            int lw = 10;
            for (LoadReport.Distribution d : r.distributions) {
                lw = Math.max(lw, d.label().length());
            }
            sb.append(String.format(Locale.ROOT, "  %-" + lw + "s %9s %9s %9s %9s %9s %9s %9s%n", "latency (ms)", "count",
                    "mean", "p50", "p90", "p99", "p99.9", "max"));
            for (LoadReport.Distribution d : r.distributions) {
                Histogram h = d.histogram();
                sb.append(String.format(Locale.ROOT, "  %-" + lw + "s %9d %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n", d.label(),
                        h.getTotalCount(), LoadReport.meanMs(h), LoadReport.ms(h, 50), LoadReport.ms(h, 90),
                        LoadReport.ms(h, 99), LoadReport.ms(h, 99.9), LoadReport.maxMs(h)));
            }
            for (LoadReport.Distribution d : r.distributions) {
                if (d.note() != null) {
                    sb.append("  ").append(d.label()).append(": ").append(d.note()).append('\n');
                }
            }
        }
        for (LoadReport.Table t : r.tables) {
            sb.append('\n').append(t.title()).append('\n');
            table(sb, t);
            if (t.note() != null) {
                sb.append("  ").append(t.note()).append('\n');
            }
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "errors   %d of %d requests (%.3f%%)", r.errors, r.requests,
                100 * r.errorRate()));
        if (!r.errorsByCode.isEmpty()) {
            StringJoiner j = new StringJoiner(", ", ": ", "");
            r.errorsByCode.forEach((k, v) -> j.add(k + " " + v));
            sb.append(j);
        }
        sb.append('\n');
        if (!r.checks.isEmpty()) {
            sb.append("checks\n");
            for (LoadReport.Check c : r.checks) {
                sb.append(String.format(Locale.ROOT, "  %s  %s %s (actual %s)%n", c.passed() ? "PASS" : "FAIL", c.name(),
                        c.threshold(), c.actual()));
            }
        }
        for (String n : r.notes) {
            sb.append("note: ").append(n).append('\n');
        }
        sb.append("result   ").append(r.passed() ? "PASS" : "FAIL").append('\n');
        return sb.toString();
    }

    private static void table(StringBuilder sb, LoadReport.Table t) {
        List<LoadReport.Column> cols = t.columns();
        List<Map<String, Object>> rows = t.rows();
        int shown = Math.min(rows.size(), MAX_ROWS);
        int[] widths = new int[cols.size()];
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            widths[c] = cols.get(c).label().length();
        }
        for (int i = 0; i < shown; i++) {
            String[] line = new String[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                line[c] = format(rows.get(i).get(cols.get(c).key()));
                widths[c] = Math.max(widths[c], line[c].length());
            }
            cells.add(line);
        }
        StringBuilder head = new StringBuilder("  ");
        for (int c = 0; c < cols.size(); c++) {
            head.append(pad(cols.get(c).label(), widths[c], c > 0)).append(c + 1 < cols.size() ? "  " : "");
        }
        sb.append(head.toString().stripTrailing()).append('\n');
        for (String[] line : cells) {
            StringBuilder l = new StringBuilder("  ");
            for (int c = 0; c < cols.size(); c++) {
                l.append(pad(line[c], widths[c], c > 0)).append(c + 1 < cols.size() ? "  " : "");
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
        if (rows.isEmpty()) {
            sb.append("  (none)\n");
        } else if (rows.size() > shown) {
            sb.append("  ... ").append(rows.size() - shown).append(" more rows in the JSON and HTML reports\n");
        }
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    /** A value for people: doubles with up to 2 decimals, booleans as yes/no, null as a dash. */
    static String format(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "-";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.format(Locale.ROOT, "%.0f", d);
            }
            return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.2f", d);
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (v instanceof List<?> l) {
            StringJoiner j = new StringJoiner(", ");
            l.forEach(x -> j.add(format(x)));
            return j.toString();
        }
        return v.toString();
    }
}

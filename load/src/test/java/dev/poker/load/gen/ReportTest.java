package dev.poker.load.gen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    /** 1, 2, ... 1000 ms, once each (in microseconds). */
    private static Histogram oneToThousandMs() {
        Histogram h = new Histogram(3);
        for (int ms = 1; ms <= 1000; ms++) {
            h.recordValue(ms * 1000L);
        }
        return h;
    }

    private static LoadReport sample() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("scenario", "throughput");
        settings.put("seed", 42L);
        LoadReport r = new LoadReport("throughput", "a test run", List.of("ws://127.0.0.1:1/ws"),
                Instant.parse("2030-01-02T03:04:05Z"), settings);
        r.seconds = 12.5;
        r.metric("players", "players", 12, "");
        r.metric("actionsPerSecond", "sustained throughput", 33.25, "actions/s");
        r.distributions.add(new LoadReport.Distribution("actionCorrected", "action, corrected", "action latency",
                "from the intended send time", oneToThousandMs()));
        r.timelineColumns.addAll(PlayMeter.COLUMNS);
        for (int t = 1; t <= 5; t++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t", (double) t);
            row.put("phase", "measure");
            row.put("actionsPerSecond", 10.0 * t);
            row.put("p50Ms", t == 3 ? null : 1.5 * t);
            row.put("p99Ms", 3.0 * t);
            r.timeline.add(row);
        }
        r.charts.add(new LoadReport.Chart("Throughput", "actions/s", List.of("actionsPerSecond")));
        r.charts.add(new LoadReport.Chart("Latency", "ms", List.of("p50Ms", "p99Ms")));
        r.markers.add(new LoadReport.Marker(2, "measuring <now>"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", 1);
        row.put("met", true);
        r.tables.add(new LoadReport.Table("steps", "Steps", "a note",
                List.of(new LoadReport.Column("step", "step"), new LoadReport.Column("met", "meets goal")), List.of(row)));
        r.requests = 1000;
        r.errors = 3;
        r.errorsByCode.put("TIMEOUT", 3L);
        r.check("p99 action latency", "< 200 ms", "990 ms", false);
        r.check("error rate", "< 1%", "0.3%", true);
        r.notes.add("a note with \"quotes\" & <tags>");
        return r;
    }

    @Test
    void percentilesComeFromTheHistogram() {
        Histogram h = oneToThousandMs();
        // HdrHistogram with 3 significant digits: within 0.1%
        assertThat(LoadReport.ms(h, 50)).isCloseTo(500, org.assertj.core.data.Offset.offset(0.5));
        assertThat(LoadReport.ms(h, 90)).isCloseTo(900, org.assertj.core.data.Offset.offset(0.9));
        assertThat(LoadReport.ms(h, 99)).isCloseTo(990, org.assertj.core.data.Offset.offset(1.0));
        assertThat(LoadReport.ms(h, 99.9)).isCloseTo(999, org.assertj.core.data.Offset.offset(1.0));
        assertThat(LoadReport.maxMs(h)).isCloseTo(1000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(LoadReport.meanMs(h)).isCloseTo(500.5, org.assertj.core.data.Offset.offset(0.5));
        assertThat(LoadReport.ms(new Histogram(3), 99)).isZero();
        List<double[]> curve = LoadReport.curve(h);
        assertThat(curve).first().satisfies(p -> assertThat(p[0]).isZero());
        assertThat(curve).last().satisfies(p -> assertThat(p[0]).isEqualTo(100));
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i)[1]).isGreaterThanOrEqualTo(curve.get(i - 1)[1]);
        }
    }

    @Test
    void theJsonReportHoldsEveryFigureAndTheHistogram(@TempDir Path dir) throws Exception {
        LoadReport r = sample();
        Path file = dir.resolve("r.json");
        Files.writeString(file, r.toJson(), StandardCharsets.UTF_8);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("scenario").asText()).isEqualTo("throughput");
        assertThat(root.get("passed").asBoolean()).isFalse();
        assertThat(root.get("durationSeconds").asDouble()).isEqualTo(12.5);
        assertThat(root.at("/settings/seed").asLong()).isEqualTo(42);
        assertThat(root.at("/summary/players").asInt()).isEqualTo(12);
        assertThat(root.at("/summary/actionsPerSecond").asDouble()).isEqualTo(33.25);
        JsonNode lat = root.at("/latency/actionCorrected");
        assertThat(lat.get("count").asLong()).isEqualTo(1000);
        assertThat(lat.get("p50Ms").asDouble()).isCloseTo(500, org.assertj.core.data.Offset.offset(0.5));
        assertThat(lat.get("p99Ms").asDouble()).isCloseTo(990, org.assertj.core.data.Offset.offset(1.0));
        assertThat(lat.get("percentiles").size()).isGreaterThan(10);
        // the encoded histogram decodes to the same distribution
        byte[] bytes = Base64.getDecoder().decode(lat.get("hdrHistogram").asText());
        Histogram back = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        assertThat(back.getTotalCount()).isEqualTo(1000);
        assertThat(back.getValueAtPercentile(99)).isEqualTo(oneToThousandMs().getValueAtPercentile(99));
        assertThat(root.at("/errors/errors").asLong()).isEqualTo(3);
        assertThat(root.at("/errors/rate").asDouble()).isEqualTo(0.003);
        assertThat(root.at("/errors/byCode/TIMEOUT").asLong()).isEqualTo(3);
        assertThat(root.get("checks").size()).isEqualTo(2);
        assertThat(root.at("/checks/0/passed").asBoolean()).isFalse();
        assertThat(root.at("/tables/steps/rows/0/met").asBoolean()).isTrue();
        assertThat(root.get("timeline").size()).isEqualTo(5);
        assertThat(root.at("/timeline/2/p50Ms").isNull()).isTrue();
        assertThat(root.at("/markers/0/label").asText()).isEqualTo("measuring <now>");
        assertThat(root.at("/notes/0").asText()).isEqualTo("a note with \"quotes\" & <tags>");
    }

    @Test
    void theHtmlReportIsSelfContainedWithCharts(@TempDir Path dir) throws Exception {
        String html = HtmlReport.render(sample());
        Files.writeString(dir.resolve("r.html"), html);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).contains("<title>poker load throughput – FAIL</title>");
        // throughput over time, latency over time, and the percentile curve
        assertThat(html.split("<svg ", -1)).hasSize(4);
        assertThat(html).contains("<polyline", "Throughput", "99.9%", "action, corrected (1000)");
        // no network resources, no scripts
        assertThat(html).doesNotContain("<script", "src=", "href=", "url(", "@import", "<link");
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertThat(withoutSvgNamespace).doesNotContain("http://", "https://");
        // text is escaped
        assertThat(html).contains("a note with &quot;quotes&quot; &amp; &lt;tags&gt;").doesNotContain("<tags>");
        // a missing value leaves a gap: two polylines for p50
        assertThat(html).contains("measuring &lt;now&gt;");
    }

    @Test
    void theTextReportShowsFiguresChecksAndVerdict() {
        String text = TextReport.render(sample());
        assertThat(text).contains("== poker load throughput: a test run ==", "sustained throughput  33.25 actions/s",
                "action, corrected", "1000", "500.", "990.", "Steps", "meets goal", "yes",
                "errors   3 of 1000 requests (0.300%): TIMEOUT 3", "FAIL  p99 action latency < 200 ms (actual 990 ms)",
                "PASS  error rate < 1%", "result   FAIL");
    }

    @Test
    void chartScalesUseRoundSteps() {
        assertThat(HtmlReport.niceStep(0.7)).isEqualTo(1);
        assertThat(HtmlReport.niceStep(1.3)).isEqualTo(2);
        assertThat(HtmlReport.niceStep(3)).isEqualTo(5);
        assertThat(HtmlReport.niceStep(7)).isEqualTo(10);
        assertThat(HtmlReport.niceStep(230)).isEqualTo(500);
        assertThat(HtmlReport.nineLabel(0)).isEqualTo("0%");
        assertThat(HtmlReport.nineLabel(1)).isEqualTo("90%");
        assertThat(HtmlReport.nineLabel(2)).isEqualTo("99%");
        assertThat(HtmlReport.nineLabel(3)).isEqualTo("99.9%");
        assertThat(HtmlReport.nineLabel(4)).isEqualTo("99.99%");
    }

    @Test
    void jsonEscapesAndRoundsNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\u0001");
        m.put("d", 1.23456);
        m.put("nan", Double.NaN);
        m.put("l", 7L);
        assertThat(ReportJson.write(m)).isEqualTo(
                "{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"d\":1.235,\"nan\":null,\"l\":7}\n");
        assertThat(ReportJson.write(Map.of("list", List.of(1, 2)))).isEqualTo("{\n  \"list\": [1,2]\n}\n");
    }
}

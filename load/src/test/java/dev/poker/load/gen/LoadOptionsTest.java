package dev.poker.load.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.load.cli.LoadTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    private static LoadOptions parse(String... args) {
        return LoadOptions.parse(args);
    }

    @Test
    void defaultsDependOnTheScenario() {
        LoadOptions t = parse("throughput");
        assertThat(t.scenario()).isEqualTo(LoadOptions.Scenario.THROUGHPUT);
        assertThat(t.urls()).containsExactly(URI.create("ws://127.0.0.1:8080/ws"));
        assertThat(t.players()).isEqualTo(100);
        assertThat(t.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(t.think()).isEqualTo(ThinkTime.NONE);
        assertThat(t.json()).isEqualTo(Path.of("load-report.json"));
        assertThat(t.html()).isEqualTo(Path.of("load-report.html"));
        assertThat(t.sloP99Ms()).isEqualTo(200);
        assertThat(t.sloErrorRate()).isEqualTo(0.01);

        LoadOptions c = parse("capacity");
        assertThat(c.think()).isEqualTo(new ThinkTime(2000, 4000));
        assertThat(c.goalP99Ms()).isEqualTo(50);
        assertThat(c.step()).isEqualTo(100);
        assertThat(c.stepDuration()).isEqualTo(Duration.ofSeconds(20));

        LoadOptions s = parse("storm");
        assertThat(s.players()).isEqualTo(2000);
        assertThat(s.within()).isEqualTo(Duration.ofSeconds(5));

        LoadOptions f = parse("failover", "--kill-command", "kill -9 42", "--duration", "90s");
        assertThat(f.killAt()).isEqualTo(Duration.ofSeconds(30));
        assertThat(f.restartCommand()).isNull();
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        LoadOptions o = parse("capacity", "--url", "ws://a:1/ws,ws://b:2/ws", "--url=ws://c:3/ws", "--players=300",
                "--duration", "2m", "--json", "out/r.json", "--html", "none", "--seats", "9", "--think", "1s-3s",
                "--ramp", "12.5", "--seed", "-7", "--step", "30", "--step-duration", "15s", "--goal-p99-ms", "25",
                "--slo-p99-ms", "150", "--slo-error-rate", "0.001", "--progress", "5");
        assertThat(o.urls()).extracting(URI::toString).containsExactly("ws://a:1/ws", "ws://b:2/ws", "ws://c:3/ws");
        assertThat(o.players()).isEqualTo(300);
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.json()).isEqualTo(Path.of("out/r.json"));
        assertThat(o.html()).isNull();
        assertThat(o.seats()).isEqualTo(9);
        assertThat(o.think()).isEqualTo(new ThinkTime(1000, 3000));
        assertThat(o.ramp()).isEqualTo(12.5);
        assertThat(o.seed()).isEqualTo(-7);
        assertThat(o.seedGiven()).isTrue();
        assertThat(o.step()).isEqualTo(30);
        assertThat(o.stepDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.goalP99Ms()).isEqualTo(25);
        assertThat(o.sloP99Ms()).isEqualTo(150);
        assertThat(o.sloErrorRate()).isEqualTo(0.001);
        assertThat(o.progressSeconds()).isEqualTo(5);
    }

    @Test
    void connectionsIsTheStormSpellingOfPlayers() {
        assertThat(parse("storm", "--connections", "5000", "--within", "2s", "--hold", "3s").players()).isEqualTo(5000);
        assertThatThrownBy(() -> parse("storm", "--connections", "5", "--players", "6"))
                .hasMessageContaining("given twice");
    }

    @Test
    void durationsTakeUnits() {
        assertThat(LoadOptions.parseMillis("60", "s")).isEqualTo(60_000);
        assertThat(LoadOptions.parseMillis("60s", "s")).isEqualTo(60_000);
        assertThat(LoadOptions.parseMillis("1.5s", "s")).isEqualTo(1_500);
        assertThat(LoadOptions.parseMillis("500ms", "s")).isEqualTo(500);
        assertThat(LoadOptions.parseMillis("2m", "s")).isEqualTo(120_000);
        assertThat(LoadOptions.parseMillis("1h", "s")).isEqualTo(3_600_000);
        assertThat(LoadOptions.parseMillis("250", "ms")).isEqualTo(250);
        assertThatThrownBy(() -> LoadOptions.parseMillis("soon", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadOptions.parseMillis("-1s", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ThinkTime.parse("0")).isEqualTo(ThinkTime.NONE);
        assertThat(ThinkTime.parse("2000-4000")).isEqualTo(new ThinkTime(2000, 4000));
        assertThatThrownBy(() -> ThinkTime.parse("4000-2000")).hasMessageContaining("--think");
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> parse()).hasMessageContaining("which scenario");
        assertThatThrownBy(() -> parse("--players", "3")).hasMessageContaining("which scenario");
        assertThatThrownBy(() -> parse("soak")).hasMessageContaining("unknown scenario 'soak'");
        assertThatThrownBy(() -> parse("throughput", "--bogus", "1")).hasMessageContaining("unknown option '--bogus'");
        assertThatThrownBy(() -> parse("throughput", "extra")).hasMessageContaining("unexpected argument 'extra'");
        assertThatThrownBy(() -> parse("throughput", "--players")).hasMessageContaining("--players needs a value");
        assertThatThrownBy(() -> parse("throughput", "--players", "0")).hasMessageContaining("--players must be 1 to");
        assertThatThrownBy(() -> parse("throughput", "--players", "many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> parse("throughput", "--url", "http://x/ws")).hasMessageContaining("ws://");
        assertThatThrownBy(() -> parse("throughput", "--duration", "0")).hasMessageContaining("1 s to 24 h");
        assertThatThrownBy(() -> parse("throughput", "--duration", "25h")).hasMessageContaining("1 s to 24 h");
        assertThatThrownBy(() -> parse("throughput", "--duration", "10s", "--warmup", "10s"))
                .hasMessageContaining("--warmup");
        assertThatThrownBy(() -> parse("throughput", "--seats", "11")).hasMessageContaining("--seats must be 2 to 10");
        assertThatThrownBy(() -> parse("capacity", "--players", "10", "--step", "20"))
                .hasMessageContaining("--step must not exceed");
        assertThatThrownBy(() -> parse("capacity", "--step-duration", "1s")).hasMessageContaining("at least 2 s");
        assertThatThrownBy(() -> parse("storm", "--duration", "10s", "--within", "5s", "--hold", "6s"))
                .hasMessageContaining("must fit in --duration");
        assertThatThrownBy(() -> parse("failover")).hasMessageContaining("--kill-command");
        assertThatThrownBy(() -> parse("failover", "--kill-command", "true", "--duration", "10s", "--kill-at", "10s"))
                .hasMessageContaining("--kill-at");
        assertThatThrownBy(() -> parse("throughput", "--kill-command", "true"))
                .hasMessageContaining("belong to the failover scenario");
        assertThatThrownBy(() -> parse("throughput", "--think", "90000")).hasMessageContaining("60 s");
    }

    @Test
    void everyScenarioIsBoundedInTimeAndConnections() {
        for (LoadOptions.Scenario s : LoadOptions.Scenario.values()) {
            String[] args = s == LoadOptions.Scenario.FAILOVER ? new String[] {s.id(), "--kill-command", "true"}
                    : new String[] {s.id()};
            LoadOptions o = LoadOptions.parse(args);
            assertThat(o.players()).isBetween(1, LoadOptions.MAX_PLAYERS);
            assertThat(o.duration()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
        }
        assertThatThrownBy(() -> parse("storm", "--connections", "50001")).hasMessageContaining("1 to 50000");
    }

    @Test
    void settingsGoIntoTheReport() {
        LoadOptions o = parse("failover", "--kill-command", "kill 1", "--restart-command", "start", "--seed", "3");
        assertThat(o.settings()).containsEntry("scenario", "failover").containsEntry("killCommand", "kill 1")
                .containsEntry("restartCommand", "start").containsEntry("seed", 3L).containsKey("killAtSeconds");
    }

    @Test
    void theCliAnswersHelpAndWrongUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = LoadTools.run(new String[] {"load", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./poker load <scenario>", "capacity",
                "throughput", "storm", "failover", "--kill-command");

        out.reset();
        rc = LoadTools.run(new String[] {"load", "throughput", "--players", "x"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("poker load: --players needs a whole number");
    }
}

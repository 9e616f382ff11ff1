package dev.poker.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.server.NodeConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code Dockerfile} (no container engine runs here, so its promises are read off the file): the
 * runtime stage is a small base that only copies the layout module dist builds, runs as a non-root user,
 * stops on SIGTERM, exposes the node's port, and bakes in no secret.
 */
class DockerfileTest {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(SECRET|PASSWORD|TOKEN|CREDENTIAL).*");

    /** One instruction: keyword (upper case) and its arguments, continuation lines joined. */
    private record Instruction(String keyword, String args) {}

    private static List<List<Instruction>> stages() throws IOException {
        List<List<Instruction>> stages = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(Repository.root().resolve("Dockerfile"))) {
            String l = raw.strip();
            if (l.startsWith("#") || (l.isEmpty() && line.length() == 0)) {
                continue;
            }
            if (l.endsWith("\\")) {
                line.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            line.append(l);
            String full = line.toString().strip();
            line.setLength(0);
            if (full.isEmpty()) {
                continue;
            }
            String[] parts = full.split("\\s+", 2);
            Instruction i = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            stages.get(stages.size() - 1).add(i);
        }
        return stages;
    }

    private static List<String> args(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }

    @Test
    void buildsWithTheWrapperAndRunsOnlyTheLayoutAsANonRootUser() throws IOException {
        List<List<Instruction>> stages = stages();
        assertThat(stages).hasSize(2);
        List<Instruction> build = stages.get(0);
        List<Instruction> runtime = stages.get(1);

        assertThat(args(build, "RUN")).anySatisfy(r -> assertThat(r).startsWith("./mvnw").contains("-pl dist -am")
                .contains("package"));
        assertThat(args(runtime, "FROM").get(0)).doesNotContain("jdk").doesNotContain("maven");
        // the only thing copied into the runtime image is the layout dist/pom.xml builds
        assertThat(args(runtime, "COPY")).containsExactly("--from=build /src/dist/target/poker-node /opt/poker");
        assertThat(Files.readString(Repository.root().resolve("dist/pom.xml")))
                .contains("<dist.layout>${project.build.directory}/poker-node</dist.layout>");
        assertThat(args(runtime, "ENTRYPOINT")).containsExactly("[\"/opt/poker/bin/poker-node\"]");
        assertThat(Files.readString(Repository.root().resolve("dist/src/main/sh/build-layout.sh")))
                .contains("\"$layout/bin/poker-node\"").contains("MaxRAMPercentage");

        List<String> users = args(runtime, "USER");
        assertThat(users).hasSize(1);
        String user = users.get(0).split(":")[0];
        assertThat(user).isNotIn("0", "root");
        assertThat(args(runtime, "RUN")).anySatisfy(r -> assertThat(r).contains("--uid " + user));
        assertThat(args(runtime, "STOPSIGNAL")).containsExactly("SIGTERM");
    }

    @Test
    void exposesTheNodesPortAndBakesInNoSecret() throws IOException {
        List<Instruction> runtime = stages().get(1);
        String env = String.join(" ", args(runtime, "ENV"));
        assertThat(env).contains("POKER_PORT=8080");
        assertThat(args(runtime, "EXPOSE")).containsExactly("8080");
        // every ENV is a real node setting (or the launcher's heap share), and none is a secret
        for (String assignment : env.split("\\s+")) {
            String name = assignment.split("=", 2)[0];
            assertThat(name).doesNotMatch(SECRET_NAME);
            assertThat(NodeConfigParser.SETTINGS.stream().map(NodeConfigParser.Setting::env).toList()
                    .contains(name) || name.equals("POKER_MAX_RAM_PERCENTAGE"))
                    .as("ENV %s is a node setting", name).isTrue();
        }
        for (List<Instruction> stage : stages()) {
            assertThat(args(stage, "ARG")).allSatisfy(a -> assertThat(a).doesNotMatch(SECRET_NAME));
        }
    }

    @Test
    void theContextLeavesBuildOutputAndGitOut() throws IOException {
        List<String> ignored = Files.readAllLines(Repository.root().resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains("**/target/", ".git/", ".cluster/");
    }
}

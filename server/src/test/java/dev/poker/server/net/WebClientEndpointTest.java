package dev.poker.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ErrorCode;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The browser client's files over HTTP, through the node's router, without sockets. */
class WebClientEndpointTest {
    private final HttpRouter router = new HttpRouter(new WebSocketUpgrade(new NodeStatus("n1", () -> 0, () -> 0), 10),
            List.of(HttpRouter.Route.getUnder("/", new WebClientEndpoint(WebClientFiles.fromClasspath()))));

    private FullHttpResponse request(HttpMethod method, String uri, String... headers) {
        EmbeddedChannel ch = new EmbeddedChannel(router);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        for (int i = 0; i < headers.length; i += 2) {
            req.headers().add(headers[i], headers[i + 1]);
        }
        ch.writeInbound(req);
        FullHttpResponse res = ch.readOutbound();
        assertThat(ch.finishAndReleaseAll()).isFalse();
        return res;
    }

    private static String body(FullHttpResponse r) {
        String s = r.content().toString(StandardCharsets.UTF_8);
        r.release();
        return s;
    }

    @Test
    void theRootIsTheIndexPageWithItsContentTypeAndCachingHeaders() {
        FullHttpResponse r = request(HttpMethod.GET, "/");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
        assertThat(r.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        assertThat(r.headers().get(HttpHeaderNames.ETAG)).matches("\"[0-9a-f]{64}\"");
        assertThat(r.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_SECURITY_POLICY)).contains("script-src 'self'");
        assertThat(body(r)).contains("<script type=\"module\" src=\"/app.js\">");
        FullHttpResponse same = request(HttpMethod.GET, "/index.html");
        assertThat(body(same)).contains("<title>Poker</title>");
    }

    @Test
    void scriptsStylesAndImagesHaveTheirTypes() {
        FullHttpResponse js = request(HttpMethod.GET, "/app.js");
        assertThat(js.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/javascript; charset=utf-8");
        assertThat(body(js)).contains("import");
        FullHttpResponse css = request(HttpMethod.GET, "/style.css");
        assertThat(css.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/css; charset=utf-8");
        css.release();
        FullHttpResponse svg = request(HttpMethod.GET, "/icon.svg");
        assertThat(svg.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("image/svg+xml");
        svg.release();
    }

    @Test
    void aMatchingEtagGets304WithoutABodyAndHeadGetsNoBody() {
        FullHttpResponse first = request(HttpMethod.GET, "/app.js");
        String etag = first.headers().get(HttpHeaderNames.ETAG);
        first.release();
        FullHttpResponse again = request(HttpMethod.GET, "/app.js", "If-None-Match", etag);
        assertThat(again.status().code()).isEqualTo(304);
        assertThat(again.content().readableBytes()).isZero();
        again.release();
        FullHttpResponse stale = request(HttpMethod.GET, "/app.js", "If-None-Match", "\"other\"");
        assertThat(stale.status().code()).isEqualTo(200);
        stale.release();
        FullHttpResponse head = request(HttpMethod.HEAD, "/app.js");
        assertThat(head.status().code()).isEqualTo(200);
        assertThat(head.content().readableBytes()).isZero();
        assertThat(head.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isPositive();
        head.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/files", "/web/index.html", "/../pom.xml", "/..%2fpom.xml", "/%2e%2e/files",
        "/./app.js", "//app.js", "/app.js/", "/dev/poker/server/PokerNode.class", "/META-INF/MANIFEST.MF",
        "/logback.xml", "/index.html%00.js"})
    void anythingButTheListedFilesIs404(String path) {
        FullHttpResponse r = request(HttpMethod.GET, path);
        assertThat(r.status().code()).as(path).isEqualTo(404);
        assertThat(body(r)).isEqualTo("not found\n");
    }

    @Test
    void otherMethodsAre405() {
        FullHttpResponse r = request(HttpMethod.POST, "/");
        assertThat(r.status().code()).isEqualTo(405);
        r.release();
    }

    @Test
    void everyFileOfTheWebDirectoryIsListedAndServed() throws IOException {
        Path dir = Path.of("src", "main", "resources", "web");
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(dir)) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("files"))
                    .collect(Collectors.toSet());
        }
        assertThat(WebClientFiles.fromClasspath().byPath().keySet())
                .containsExactlyInAnyOrderElementsOf(onDisk.stream().map(n -> "/" + n).toList());
    }

    @Test
    void thePageHasAMessageForEveryErrorCodeOfTheCatalogue() {
        String messages = new String(WebClientFiles.fromClasspath().byPath().get("/messages.js").bytes(),
                StandardCharsets.UTF_8);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(messages).as(code.name()).contains("  " + code.name() + ": '");
        }
    }
}

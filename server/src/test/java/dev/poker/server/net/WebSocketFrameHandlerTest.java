package dev.poker.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.server.metrics.PokerMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket frame handler in the node's real pipeline ({@link ServerInitializer}), without sockets:
 * the handshake and every frame go in as bytes a client would send (masked), what the node answers is
 * decoded as a client would. A spy just before the handler keeps every frame it receives, so the test
 * can check each one was released; the channel ends with {@code finishAndReleaseAll()} and nothing may
 * be left in it.
 */
class WebSocketFrameHandlerTest {
    private static final int MAX_FRAME_BYTES = 1_000;

    /** A session layer that writes down what reaches it. */
    static final class Recorder implements FrameSessions<String> {
        final List<String> calls = new ArrayList<>();

        @Override
        public String open(Channel channel) {
            calls.add("open");
            return "s1";
        }

        @Override
        public void text(String session, String text) {
            calls.add("text " + session + " " + text);
        }

        @Override
        public void binary(String session) {
            calls.add("binary " + session);
        }

        @Override
        public void slowReader(String session) {
            calls.add("slow " + session);
        }

        @Override
        public void closed(String session) {
            calls.add("closed " + session);
        }
    }

    final Recorder sessions = new Recorder();
    final List<WebSocketFrame> received = new ArrayList<>();
    final List<ByteBuf> wire = new ArrayList<>();
    EmbeddedChannel server;

    @BeforeEach
    void handshake() {
        NodeStatus status = new NodeStatus("n1", () -> 0, () -> 0);
        status.started();
        HttpRouter http = HttpRouter.forNode(status, new PokerMetrics(() -> 0, () -> 0, () -> 0), List::of,
                new ProtocolCodec(), Runnable::run, 10, null, new AdminApi("", () -> {}));
        server = new EmbeddedChannel(new ServerInitializer(http, sessions, MAX_FRAME_BYTES));
        server.pipeline().addBefore(server.pipeline().context(WebSocketFrameHandler.class).name(), "spy",
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof WebSocketFrame f) {
                            received.add(f);
                        }
                        ctx.fireChannelRead(msg);
                    }
                });
        server.writeInbound(Unpooled.copiedBuffer("GET /ws?v=1 HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: poker.v1\r\n\r\n", StandardCharsets.US_ASCII));
        ByteBuf answer = server.readOutbound();
        String head = answer.toString(StandardCharsets.US_ASCII);
        answer.release();
        assertThat(head).startsWith("HTTP/1.1 101").contains("sec-websocket-protocol: poker.v1");
        assertThat(sessions.calls).containsExactly("open");
    }

    @AfterEach
    void nothingLeaks() {
        assertThat(server.inboundMessages()).as("no message passed the handler").isEmpty();
        assertThat(server.outboundMessages()).as("the test read every answer").isEmpty();
        if (server.isOpen()) {
            server.close(); // the protocol handler says goodbye with a close frame
            assertThat(serverSent()).hasSize(1).allMatch(f -> closeCode(f) == 1000);
        }
        assertThat(server.finishAndReleaseAll()).as("nothing left in the channel").isFalse();
        assertThat(received).as("every frame the handler got was released").allMatch(f -> f.refCnt() == 0);
        assertThat(wire).as("every byte the client sent was released").allMatch(b -> b.refCnt() == 0);
    }

    /** Sends what a client would put on the wire for these frames (masked). */
    private void clientSends(WebSocketFrame... frames) {
        for (WebSocketFrame f : frames) {
            server.writeInbound(onTheWire(f));
        }
    }

    /** The bytes a client puts on the wire for {@code frame}, kept to check they are released. */
    private ByteBuf onTheWire(WebSocketFrame frame) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        client.writeOutbound(frame);
        ByteBuf bytes = client.readOutbound();
        assertThat(client.finishAndReleaseAll()).as("one buffer per frame").isFalse();
        wire.add(bytes);
        return bytes;
    }

    /** The frames the node wrote, decoded as a client decodes them. */
    private List<WebSocketFrame> serverSent() {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 65_536));
        for (Object out = server.readOutbound(); out != null; out = server.readOutbound()) {
            client.writeInbound(out);
        }
        List<WebSocketFrame> frames = new ArrayList<>();
        for (WebSocketFrame f = client.readInbound(); f != null; f = client.readInbound()) {
            frames.add(f);
        }
        assertThat(client.finishAndReleaseAll()).isFalse();
        return frames;
    }

    /** The node sent one close frame with {@code code}, closed the connection and ended the session. */
    private void assertTheNodeClosedWith(int code) {
        List<WebSocketFrame> sent = serverSent();
        assertThat(sent).hasSize(1);
        assertThat(closeCode(sent.get(0))).isEqualTo(code);
        assertThat(server.isActive()).isFalse();
        assertThat(sessions.calls).containsExactly("open", "closed s1");
    }

    /** The status of a close frame (released). */
    private static int closeCode(WebSocketFrame frame) {
        assertThat(frame).isInstanceOf(CloseWebSocketFrame.class);
        int code = ((CloseWebSocketFrame) frame).statusCode();
        frame.release();
        return code;
    }

    @Test
    void textFramesReachTheSessionLayerInOrder() {
        clientSends(new TextWebSocketFrame("{\"type\":\"ping\",\"id\":\"1\"}"), new TextWebSocketFrame("second"));
        assertThat(sessions.calls).containsExactly("open", "text s1 {\"type\":\"ping\",\"id\":\"1\"}", "text s1 second");
        assertThat(serverSent()).isEmpty();
        assertThat(server.isActive()).isTrue();
    }

    @Test
    void aFragmentedMessageArrivesWhole() {
        clientSends(new TextWebSocketFrame(false, 0, "hel"), new ContinuationWebSocketFrame(true, 0, "lo"));
        assertThat(sessions.calls).containsExactly("open", "text s1 hello");
        assertThat(serverSent()).isEmpty();
    }

    @Test
    void aBinaryFrameIsRefusedAndTheConnectionStaysOpen() {
        clientSends(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        assertThat(sessions.calls).containsExactly("open", "binary s1");
        assertThat(server.isActive()).isTrue();
        clientSends(new TextWebSocketFrame("after"));
        assertThat(sessions.calls).endsWith("text s1 after");
        assertThat(serverSent()).as("the error goes through the session layer, not the handler").isEmpty();
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() {
        // the decoder answers 1009 and closes; EmbeddedChannel tears the pipeline down on close at once,
        // so the decoder's exception reaches the (now empty) pipeline's end and writeInbound rethrows it
        ByteBuf tooLong = onTheWire(new TextWebSocketFrame("x".repeat(MAX_FRAME_BYTES + 1)));
        assertThatThrownBy(() -> server.writeInbound(tooLong)).isInstanceOf(CorruptedWebSocketFrameException.class);
        assertTheNodeClosedWith(1009);
    }

    @Test
    void aMessageOverTheLimitInSmallFragmentsClosesWith1009() {
        String half = "y".repeat(MAX_FRAME_BYTES / 2 + 1);
        clientSends(new TextWebSocketFrame(false, 0, half), new ContinuationWebSocketFrame(true, 0, half));
        assertTheNodeClosedWith(1009);
    }

    @Test
    void aCloseFromTheClientIsAnsweredAndEndsTheSession() {
        clientSends(new CloseWebSocketFrame(1000, "bye"));
        assertTheNodeClosedWith(1000);
    }

    @Test
    void anIdleWriterPingsAndAnIdleReaderIsClosed() {
        server.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        List<WebSocketFrame> ping = serverSent();
        assertThat(ping).hasSize(1).first().isInstanceOf(PingWebSocketFrame.class);
        ping.get(0).release();
        assertThat(server.isActive()).isTrue();

        server.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertTheNodeClosedWith(1000);
    }

    @Test
    void aChannelThatStopsBeingWritableReportsASlowReader() {
        server.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        server.write(new TextWebSocketFrame("z".repeat(100)));
        assertThat(server.isWritable()).isFalse();
        assertThat(sessions.calls).containsExactly("open", "slow s1");
        server.flush();
        List<WebSocketFrame> sent = serverSent();
        assertThat(sent).hasSize(1);
        sent.get(0).release();
    }
}

package dev.poker.server.net;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/tables}: the lobby, the same {@code tables} message a WebSocket client gets.
 *
 * <p>Concurrency: stateless; the lobby supplier is thread-safe and does not block.
 */
final class LobbyEndpoint implements HttpEndpoint {
    private final Supplier<List<TableSummary>> lobby;
    private final ProtocolCodec codec;

    LobbyEndpoint(Supplier<List<TableSummary>> lobby, ProtocolCodec codec) {
        this.lobby = lobby;
        this.codec = codec;
    }

    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        HttpAnswers.respond(ctx, req, HttpResponseStatus.OK, "application/json",
                codec.encode(new ServerMessage.Tables(null, lobby.get())));
    }
}

package dev.poker.server.net;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.TableSummary;
import dev.poker.server.HistoryApi;
import dev.poker.server.metrics.PokerMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Sends each HTTP request to its endpoint by path: a WebSocket upgrade on {@code /ws} to the
 * {@link WebSocketUpgrade} check, everything else to the first {@link Route} whose path matches. Routes
 * other than {@code /admin/} take only {@code GET} and {@code HEAD} (405 otherwise); no route is 404. The
 * browser client ({@link WebClientEndpoint}) takes every path no other route matched, and answers 404
 * for those that are not its files.
 *
 * <p>Concurrency: stateless, {@code @Sharable}; runs on event loops and never blocks.
 */
@ChannelHandler.Sharable
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** An endpoint and the paths it serves: exactly {@code path}, or every path under it. */
    record Route(String path, boolean prefix, boolean anyMethod, HttpEndpoint endpoint) {
        static Route get(String path, HttpEndpoint endpoint) {
            return new Route(path, false, false, endpoint);
        }

        static Route getUnder(String path, HttpEndpoint endpoint) {
            return new Route(path, true, false, endpoint);
        }

        boolean matches(String requested) {
            return prefix ? requested.startsWith(path) : requested.equals(path);
        }
    }

    private final WebSocketUpgrade upgrade;
    private final List<Route> routes;

    HttpRouter(WebSocketUpgrade upgrade, List<Route> routes) {
        super(false);
        this.upgrade = upgrade;
        this.routes = List.copyOf(routes);
    }

    /** The node's endpoints; without a hand history ({@code history} null) its paths are 404. */
    static HttpRouter forNode(NodeStatus status, PokerMetrics metrics, Supplier<List<TableSummary>> lobby,
            ProtocolCodec codec, Executor workers, int maxConnections, HistoryApi history, AdminApi admin) {
        WebSocketUpgrade upgrade = new WebSocketUpgrade(status, maxConnections);
        List<Route> routes = new ArrayList<>(List.of(
                new Route("/admin/", true, true, new AdminEndpoint(admin)),
                Route.get("/health", new HealthEndpoint(status)),
                Route.get("/health/live", new LiveEndpoint(status.liveness(), status.nodeId())),
                Route.get("/health/ready", new ReadyEndpoint(status)),
                Route.get("/metrics", new MetricsEndpoint(metrics, workers)),
                Route.get("/api/tables", new LobbyEndpoint(lobby, codec)),
                Route.get(WebSocketUpgrade.PATH, upgrade)));
        if (history != null) {
            HistoryEndpoint hands = new HistoryEndpoint(history, workers);
            routes.add(Route.getUnder("/api/hands/", hands));
            routes.add(Route.getUnder("/api/players/", hands));
        }
        routes.add(Route.getUnder("/", new WebClientEndpoint(WebClientFiles.fromClasspath()))); // last: the rest
        return new HttpRouter(upgrade, routes);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = req.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (WebSocketUpgrade.asked(path, req)) {
            upgrade.pass(ctx, req);
            return;
        }
        try {
            Route route = find(path);
            boolean read = req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD);
            if (route != null && (read || route.anyMethod())) {
                route.endpoint().answer(ctx, req, path);
            } else if (!read) {
                HttpAnswers.respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "use GET\n");
            } else {
                HttpAnswers.respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n");
            }
        } finally {
            req.release();
        }
    }

    private Route find(String path) {
        for (Route r : routes) {
            if (r.matches(path)) {
                return r;
            }
        }
        return null;
    }
}

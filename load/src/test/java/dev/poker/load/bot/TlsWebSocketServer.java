package dev.poker.load.bot;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * A Netty {@code wss://} echo server for tests, with a self-signed certificate made by the JDK's
 * {@code keytool} (netty 4.1's {@code SelfSignedCertificate} needs Bouncy Castle or JDK internals): the
 * upgrade asks for {@code poker.v1}; every text message is sent back as it came.
 *
 * <p>Concurrency: thread-safe; {@link #close()} stops it.
 */
final class TlsWebSocketServer implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel channel;
    private final X509Certificate certificate;

    TlsWebSocketServer(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit"))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        certificate = (X509Certificate) ks.getCertificate("server");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SslContext ssl = SslContextBuilder.forServer(kmf).build();
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(65536), new WebSocketServerProtocolHandler("/ws", "poker.v1"),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                        ctx.writeAndFlush(new TextWebSocketFrame(f.text()));
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    URI uri() {
        return URI.create("wss://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + "/ws");
    }

    /** The server's self-signed certificate, for the client to trust. */
    X509Certificate certificate() {
        return certificate;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package dev.poker.server.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The browser client's files, read once from the classpath ({@code web/} in the jar) at start-up. The
 * list is {@code web/files}: one file name a line, flat (no directories), so what can be served is
 * exactly what it names. A name listed but missing, or of a type without a known content type, fails
 * the node's start: a broken build, not a request's problem.
 *
 * <p>Concurrency: immutable after construction; safe from any thread.
 */
final class WebClientFiles {
    /** One file: its bytes (never modified), content type and strong ETag. */
    record File(byte[] bytes, String contentType, String etag) {}

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "webmanifest", "application/manifest+json");

    private final Map<String, File> byPath;

    private WebClientFiles(Map<String, File> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** The files under {@code web/} of this class's class loader. */
    static WebClientFiles fromClasspath() {
        ClassLoader loader = WebClientFiles.class.getClassLoader();
        String list = new String(read(loader, "web/files"), StandardCharsets.UTF_8);
        Map<String, File> files = new LinkedHashMap<>();
        for (String line : list.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!name.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+")) {
                throw new IllegalStateException("web/files: '" + name + "' is not a plain file name");
            }
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String type = TYPES.get(ext);
            if (type == null) {
                throw new IllegalStateException("web/files: no content type for ." + ext + " (" + name + ")");
            }
            byte[] bytes = read(loader, "web/" + name);
            files.put("/" + name, new File(bytes, type, "\"" + sha256(bytes) + "\""));
        }
        return new WebClientFiles(files);
    }

    /** Path ({@code /index.html}) to file. */
    Map<String, File> byPath() {
        return byPath;
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the web client's " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

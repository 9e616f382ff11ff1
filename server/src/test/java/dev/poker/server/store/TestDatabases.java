package dev.poker.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Databases for tests: a fresh H2 directory, or a fresh database on the PostgreSQL that the test
 * command started ({@code POKER_TEST_PG_URL}, as environment variable or system property).
 */
public final class TestDatabases {
    private TestDatabases() {}

    /** Node settings for a new, empty embedded H2 database. */
    public static Map<String, String> h2() {
        try {
            Path dir = Files.createTempDirectory("poker-h2-");
            dir.toFile().deleteOnExit();
            Map<String, String> m = new HashMap<>();
            m.put("POKER_DATA_DIR", dir.toString());
            return m;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String setting(String name) {
        String v = System.getProperty(name);
        return v != null && !v.isEmpty() ? v : System.getenv(name);
    }

    /** Node settings for a new, empty PostgreSQL database (fails when the test command provided none). */
    public static Map<String, String> postgres() {
        String url = setting("POKER_TEST_PG_URL");
        if (url == null || url.isEmpty()) {
            throw new AssertionError("POKER_TEST_PG_URL is not set: run the integration tests with ./poker test");
        }
        String user = setting("POKER_TEST_PG_USER");
        String password = setting("POKER_TEST_PG_PASSWORD");
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url, user, password == null ? "" : password)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot create a test database on " + url + ": " + e.getMessage(), e);
        }
        Map<String, String> m = h2();
        m.put("POKER_DB_URL", url.substring(0, url.lastIndexOf('/') + 1) + name);
        m.put("POKER_DB_USER", user == null ? "" : user);
        m.put("POKER_DB_PASSWORD", password == null ? "" : password);
        return m;
    }

    public static Database open(Map<String, String> settings) {
        return Database.open(settings.getOrDefault("POKER_DB_URL", ""), settings.get("POKER_DB_USER"),
                settings.get("POKER_DB_PASSWORD"), settings.get("POKER_DATA_DIR"), 4, Durability.ENFORCED);
    }
}

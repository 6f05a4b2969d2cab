package com.truffle.deploy.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Creates a service's role and database on a PostgreSQL server if they are missing (idempotent),
 * connecting as an administrative user. Each service owns its own database.
 */
public final class DatabaseBootstrap {

    private static final Pattern IDENT = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;

    public DatabaseBootstrap(String host, int port, String adminUser, String adminPassword) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** From PG_HOST, PG_PORT, PG_USER, PG_PASSWORD (defaults: 127.0.0.1, 5432, postgres, none). */
    public static DatabaseBootstrap fromEnvironment() {
        return new DatabaseBootstrap(env("PG_HOST", "127.0.0.1"), Integer.parseInt(env("PG_PORT", "5432")),
                env("PG_USER", "postgres"), env("PG_PASSWORD", ""));
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** True when a server answers at the address with the admin credentials. */
    public boolean reachable() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Ensures role {@code owner} (password = its name unless given) and database {@code database} owned by it. */
    public void ensure(String owner, String password, String database) {
        check(owner);
        check(database);
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", owner)) {
                st.execute("create role " + owner + " login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                st.execute("create database " + database + " owner " + owner);
            }
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState()) && !"42P04".equals(e.getSQLState())) { // a concurrent creator won
                throw new IllegalStateException("could not create database " + database + " on " + host + ":" + port
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** Drops a database if it exists (system tests clean up their own). */
    public void drop(String database) {
        check(database);
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + database + ": " + e.getMessage(), e);
        }
    }

    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", adminUser);
        if (adminPassword != null && !adminPassword.isEmpty()) {
            p.setProperty("password", adminPassword);
        }
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void check(String identifier) {
        if (!IDENT.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + identifier);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

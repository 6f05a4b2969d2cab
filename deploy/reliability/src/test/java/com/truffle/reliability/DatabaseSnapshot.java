package com.truffle.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.truffle.deploy.stack.LocalStack;

/**
 * Row count and a checksum (md5 over the sorted md5 of every row's text) of every table of every service database,
 * read over JDBC as each service's own role. Columns that move with legitimate traffic and nothing else are left out
 * (key-service's {@code api_key.last_used_at}: the gateway's usage of a key that was admitted).
 */
public final class DatabaseSnapshot {

    static final Map<String, Set<String>> IGNORED_COLUMNS = Map.of("api_key", Set.of("last_used_at"));

    /** "module/table" → "rows:checksum". */
    public static Map<String, String> take() {
        LocalStack stack = Faults.stack();
        Map<String, String> out = new TreeMap<>();
        for (LocalStack.Service s : LocalStack.SERVICES) {
            if (!s.hasDatabase()) {
                continue;
            }
            String url = "jdbc:postgresql://" + stack.postgresHost() + ":" + stack.postgresPort() + "/" + stack.databaseName(s.module());
            String user = stack.databaseUser(s.module());
            try (Connection c = DriverManager.getConnection(url, user, user); Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables "
                        + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    List<String> columns = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery("select column_name from information_schema.columns where table_schema = "
                            + "current_schema() and table_name = '" + table + "' order by ordinal_position")) {
                        while (rs.next()) {
                            if (!IGNORED_COLUMNS.getOrDefault(table, Set.of()).contains(rs.getString(1))) {
                                columns.add("\"" + rs.getString(1) + "\"");
                            }
                        }
                    }
                    String sql = "select count(*), coalesce(md5(string_agg(h, '' order by h)), '-') from (select md5(row("
                            + String.join(", ", columns) + ")::text) h from \"" + table + "\") t";
                    try (ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        out.put(s.module() + "/" + table, rs.getLong(1) + ":" + rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not snapshot " + s.module() + "'s database", e);
            }
        }
        return out;
    }

    /** The single number {@code sql} selects from a module's database (read as the module's own role). */
    public static long count(String module, String sql, Object... params) {
        LocalStack stack = Faults.stack();
        String url = "jdbc:postgresql://" + stack.postgresHost() + ":" + stack.postgresPort() + "/" + stack.databaseName(module);
        String user = stack.databaseUser(module);
        try (Connection c = DriverManager.getConnection(url, user, user); var st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not query " + module + "'s database: " + sql, e);
        }
    }

    /** Total rows of a snapshot. */
    public static long rows(Map<String, String> snapshot) {
        return snapshot.values().stream().mapToLong(v -> Long.parseLong(v.substring(0, v.indexOf(':')))).sum();
    }

    /** Waits (up to {@code seconds}) until two snapshots a second apart agree: earlier traffic has settled. */
    public static Map<String, String> settled(int seconds) {
        Map<String, String> last = take();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Load.sleep(java.time.Duration.ofSeconds(1));
            Map<String, String> now = take();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the databases did not settle within " + seconds + " s");
    }

    private DatabaseSnapshot() {
    }
}

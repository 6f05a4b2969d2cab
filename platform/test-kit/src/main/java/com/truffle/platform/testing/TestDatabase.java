package com.truffle.platform.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/** Direct SQL on the service's test database, for assertions a user would care about ("no secret is stored"). */
public final class TestDatabase {

    /** The service's database name, {@code truffle.db.name} (set for surefire by the parent pom). */
    static String serviceDatabase() {
        String db = System.getProperty("truffle.db.name");
        if (db == null || db.isBlank() || db.startsWith("$")) {
            throw new IllegalStateException("set the maven property truffle.db.name in this service's pom");
        }
        return db;
    }

    public static String name() {
        return serviceDatabase() + "_test";
    }

    public static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = TestInfrastructure.postgres().connect(name());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        Object v = query(sql, params).get(0).values().iterator().next();
        return ((Number) v).longValue();
    }

    private TestDatabase() {
    }
}

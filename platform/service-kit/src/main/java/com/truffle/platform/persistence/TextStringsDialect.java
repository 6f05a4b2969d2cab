package com.truffle.platform.persistence;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.type.SqlTypes;

/**
 * PostgreSQL, with every Java {@code String} a {@code text} column: that is what our Flyway migrations write (PostgreSQL
 * stores both alike, and {@code text} has no arbitrary length to outgrow), so the mapping says so too and Hibernate's
 * schema validation (SchemaDrift in the tests) compares like with like instead of expecting {@code varchar(255)}.
 */
public class TextStringsDialect extends PostgreSQLDialect {

    public TextStringsDialect() {
        super();
    }

    public TextStringsDialect(DatabaseVersion version) {
        super(version);
    }

    public TextStringsDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.VARCHAR ? "text" : super.columnType(sqlTypeCode);
    }
}

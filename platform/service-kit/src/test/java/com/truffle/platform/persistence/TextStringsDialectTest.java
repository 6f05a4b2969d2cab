package com.truffle.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;

/** A Java String is a text column, as the migrations write them; every other type is PostgreSQL's as usual. */
class TextStringsDialectTest {

    /** Hibernate's own PostgreSQL dialect, asked the same question. */
    static final class Plain extends PostgreSQLDialect {
        String type(int sqlTypeCode) {
            return columnType(sqlTypeCode);
        }
    }

    @Test
    void aStringIsText() {
        assertThat(new Plain().type(SqlTypes.VARCHAR)).as("what Hibernate would expect")
                .startsWith("varchar");
        assertThat(new TextStringsDialect().columnType(SqlTypes.VARCHAR)).isEqualTo("text");
    }

    @Test
    void everythingElseIsAsPostgresqlHasIt() {
        Plain plain = new Plain();
        TextStringsDialect text = new TextStringsDialect();
        for (int code : new int[] { SqlTypes.INTEGER, SqlTypes.BIGINT, SqlTypes.BOOLEAN, SqlTypes.TIMESTAMP_WITH_TIMEZONE,
                SqlTypes.CHAR, SqlTypes.LONG32VARCHAR, SqlTypes.VARBINARY, SqlTypes.NUMERIC, SqlTypes.DOUBLE }) {
            assertThat(text.columnType(code)).as("type code " + code).isEqualTo(plain.type(code));
        }
    }

    @Test
    void theVersionItIsMadeForIsKept() {
        assertThat(new TextStringsDialect(DatabaseVersion.make(15)).getVersion().getDatabaseMajorVersion()).isEqualTo(15);
        assertThat(new TextStringsDialect(DatabaseVersion.make(15)).columnType(SqlTypes.VARCHAR)).isEqualTo("text");
    }
}

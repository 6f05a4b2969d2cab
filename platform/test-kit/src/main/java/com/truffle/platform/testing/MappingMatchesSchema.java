package com.truffle.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The entities and the Flyway schema agree, column by column and type by type ({@link SchemaDrift}). Each service
 * with a database extends it as a {@code @QuarkusTest} with its usual test resources.
 */
public abstract class MappingMatchesSchema {

    @Test
    void theMappingMatchesTheMigratedSchema() {
        assertThat(SchemaDrift.problems()).isEmpty();
    }
}

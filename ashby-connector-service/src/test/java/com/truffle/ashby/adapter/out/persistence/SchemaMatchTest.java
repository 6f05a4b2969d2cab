package com.truffle.ashby.adapter.out.persistence;

import com.truffle.ashby.support.AshbyWireMock;
import com.truffle.platform.testing.MappingMatchesSchema;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The entities and the Flyway schema agree, column by column and type by type. */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(AshbyWireMock.class)
class SchemaMatchTest extends MappingMatchesSchema {
}

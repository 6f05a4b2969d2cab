package com.truffle.platform.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExceptionHandler;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.hibernate.tool.schema.spi.SchemaManagementTool;

/**
 * Whether a service's Hibernate mapping and the schema its Flyway migrations made agree, column by column and type by
 * type, with the validator of the service's own schema tool (Hibernate Reactive's: the one {@code quarkus:dev} runs
 * after boot and only logs). Run inside a {@code @QuarkusTest}, a drift fails the build instead of scrolling past.
 *
 * <p>It is also the Hibernate {@link Integrator} (registered in META-INF/services, on test classpaths only) that keeps
 * the boot metadata the validator needs.
 */
public final class SchemaDrift implements Integrator {

    private static volatile Metadata metadata;
    private static volatile SessionFactoryImplementor sessionFactory;

    @Override
    public void integrate(Metadata bootMetadata, BootstrapContext context, SessionFactoryImplementor factory) {
        metadata = bootMetadata;
        sessionFactory = factory;
    }

    /** Every mismatch (a missing table or column, a wrong column type); empty when mapping and schema agree. */
    public static List<String> problems() {
        if (metadata == null || sessionFactory == null) {
            throw new IllegalStateException("Hibernate has not booted in this test (SchemaDrift is registered as an Integrator)");
        }
        Map<String, Object> settings = new HashMap<>(sessionFactory.getProperties());
        SchemaManagementTool tool = sessionFactory.getServiceRegistry().getService(SchemaManagementTool.class);
        List<String> problems = new ArrayList<>();
        try {
            tool.getSchemaValidator(settings).doValidation(metadata, new ExecutionOptions() {
                @Override
                public Map<String, Object> getConfigurationValues() {
                    return settings;
                }

                @Override
                public boolean shouldManageNamespaces() {
                    return false;
                }

                @Override
                public ExceptionHandler getExceptionHandler() {
                    return ExceptionHandlerHaltImpl.INSTANCE;
                }
            }, ContributableMatcher.ALL);
        } catch (SchemaManagementException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    public SchemaDrift() {
        // instantiated by Hibernate's integrator discovery
    }
}

package com.truffle.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of CONVENTIONS.md, enforced: the domain depends on nothing but java and itself; application
 * never sees adapters or config; ports in and out don't know each other; adapters don't import each other;
 * adapters reach the application only through its ports.
 */
public final class HexagonalArchitecture {

    public static void verify(String base) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);

        noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages(base + ".domain..", "java..")
                .because("the domain is plain Java: no framework, no Mutiny, no JPA")
                .check(classes);

        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("domain").definedBy(base + ".domain..")
                .layer("port.in").definedBy(base + ".application.port.in..")
                .layer("port.out").definedBy(base + ".application.port.out..")
                .layer("service").definedBy(base + ".application.service..")
                .layer("adapter").definedBy(base + ".adapter..")
                .layer("config").definedBy(base + ".config..")
                .whereLayer("config").mayNotBeAccessedByAnyLayer()
                .whereLayer("adapter").mayOnlyBeAccessedByLayers("config")
                .whereLayer("service").mayOnlyBeAccessedByLayers("config")
                .whereLayer("port.in").mayOnlyBeAccessedByLayers("service", "adapter", "config")
                .whereLayer("port.out").mayOnlyBeAccessedByLayers("service", "adapter", "config")
                .withOptionalLayers(true)
                .check(classes);

        slices().matching(base + ".adapter.(*).(*)..").should().notDependOnEachOther()
                .because("an adapter talks to the application through ports, never to another adapter")
                .allowEmptyShould(true)
                .check(classes);
    }

    private HexagonalArchitecture() {
    }
}

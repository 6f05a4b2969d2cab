package com.truffle.platform.apikeys;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The key format is shared by the service that issues keys and the gateway that checks them, so it stays plain Java
 * (nothing a service could not carry) with names that say what a thing is. The rest of the platform is checked by
 * test-kit's HexagonalArchitecture.verifyPlatform, which this module cannot use without depending on Quarkus.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.truffle.platform.apikeys");

    @Test
    void plainJavaOnly() {
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.crypto..", "com.truffle.platform.apikeys..")
                .because("key-service and the gateway both carry it: no framework, no library (the JDK only)").check(classes);
    }

    @Test
    void namesSayWhatAThingIs() {
        noClasses().should().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Impl").check(classes);
    }
}

package com.truffle.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of CONVENTIONS.md, enforced. In a service: the domain depends on nothing but java and itself; the
 * application never sees adapters or config, nor MicroProfile Config, Vert.x or Jackson (configuration arrives
 * through {@code config/}, wire formats stay in adapters); only {@code config/} reads configuration; ports in and
 * out don't know each other; adapters don't import each other and reach the application only through its ports;
 * every class sits in one of those layers; and names say what a thing is ({@code *UseCase}, {@code *Port},
 * {@code *Service}, {@code *Resource}, {@code *Page}). Everywhere, platform included: no {@code Manager},
 * {@code Helper}, {@code Util} or {@code Impl}, and the platform knows no service.
 */
public final class HexagonalArchitecture {

    /** The root packages of the five services: what no other service and no platform module may import. */
    static final List<String> SERVICE_PACKAGES = List.of("com.truffle.keys..", "com.truffle.access..", "com.truffle.screening..",
            "com.truffle.ashby..", "com.truffle.gateway..");

    public static void verify(String base) {
        JavaClasses classes = mainClasses(base);
        for (ArchRule rule : serviceRules(base)) {
            rule.check(classes);
        }
    }

    /** The rules for a platform module (a library every service may use): names, and no service inside. */
    public static void verifyPlatform(String base) {
        JavaClasses classes = mainClasses(base);
        for (ArchRule rule : List.of(vagueNames(), noServiceInside())) {
            rule.check(classes);
        }
    }

    static JavaClasses mainClasses(String base) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(base);
    }

    static List<ArchRule> serviceRules(String base) {
        String domain = base + ".domain..";
        String application = base + ".application..";
        String portIn = base + ".application.port.in..";
        String portOut = base + ".application.port.out..";
        String service = base + ".application.service..";
        String adapter = base + ".adapter..";
        String config = base + ".config..";
        List<String> others = SERVICE_PACKAGES.stream().filter(p -> !p.equals(base + "..")).toList();
        return List.of(
                noClasses().that().resideInAPackage(domain)
                        .should().dependOnClassesThat().resideOutsideOfPackages(domain, "java..")
                        .because("the domain is plain Java: no framework, no Mutiny, no JPA"),
                noClasses().that().resideInAPackage(application)
                        .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.microprofile.config..", "io.smallrye.config..",
                                "io.vertx..", "com.fasterxml.jackson..")
                        .because("configuration reaches the application through config/ as plain values, and wire formats"
                                + " (JSON, HTTP, SQL clients) stay in adapters"),
                noClasses().that().resideOutsideOfPackage(config)
                        .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.microprofile.config..", "io.smallrye.config..")
                        .because("configuration is read in one place, config/ (@ConfigMapping), and handed to adapters as"
                                + " settings records")
                        .allowEmptyShould(true),
                layeredArchitecture().consideringOnlyDependenciesInLayers()
                        .layer("domain").definedBy(domain)
                        .layer("port.in").definedBy(portIn)
                        .layer("port.out").definedBy(portOut)
                        .layer("service").definedBy(service)
                        .layer("adapter").definedBy(adapter)
                        .layer("config").definedBy(config)
                        .whereLayer("config").mayNotBeAccessedByAnyLayer()
                        .whereLayer("adapter").mayOnlyBeAccessedByLayers("config")
                        .whereLayer("service").mayOnlyBeAccessedByLayers("config")
                        .whereLayer("port.in").mayOnlyBeAccessedByLayers("service", "adapter", "config")
                        .whereLayer("port.out").mayOnlyBeAccessedByLayers("service", "adapter", "config")
                        .withOptionalLayers(true),
                slices().matching(base + ".adapter.(*).(*)..").should().notDependOnEachOther()
                        .because("an adapter talks to the application through ports, never to another adapter")
                        .allowEmptyShould(true),
                classes().should().resideInAnyPackage(domain, portIn, portOut, service, base + ".adapter.in..",
                                base + ".adapter.out..", config)
                        .because("every class has a place in the hexagon: domain, a port, a use case, a driving or driven"
                                + " adapter, or the wiring"),
                classes().that().resideInAPackage(portIn).and().areInterfaces().and().areTopLevelClasses()
                        .should().haveSimpleNameEndingWith("UseCase")
                        .because("a driving port is named for what it lets a caller do (<Verb><Noun>UseCase)")
                        .allowEmptyShould(true),
                classes().that().resideInAPackage(portOut).and().areInterfaces().and().areTopLevelClasses()
                        .should().haveSimpleNameEndingWith("Port")
                        .because("a driven port is named for what the application needs (Load<Noun>Port, Publish<Noun>Port)")
                        .allowEmptyShould(true),
                classes().that().resideInAPackage(service).and(implementUseCase(portIn))
                        .should().haveSimpleNameEndingWith("Service")
                        .because("the class implementing use cases is the application service (<Verb><Noun>Service)")
                        .allowEmptyShould(true),
                classes().that().areAnnotatedWith("jakarta.ws.rs.Path").and().resideInAPackage(base + ".adapter.in.rest..")
                        .should().haveSimpleNameEndingWith("Resource")
                        .because("a REST adapter is a <Noun>Resource").allowEmptyShould(true),
                classes().that().areAnnotatedWith("jakarta.ws.rs.Path").and().resideInAPackage(base + ".adapter.in.web..")
                        .should().haveSimpleNameEndingWith("Page")
                        .because("a server-rendered page is a <Noun>Page").allowEmptyShould(true),
                noClasses().should().dependOnClassesThat().resideInAnyPackage(others.toArray(new String[0]))
                        .because("no service imports another service's code: what crosses is HTTP or an event")
                        .allowEmptyShould(true),
                vagueNames());
    }

    static ArchRule vagueNames() {
        return noClasses().should().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Impl")
                .because("a name says what a thing is for: no Manager, Helper, Util or Impl").allowEmptyShould(true);
    }

    static ArchRule noServiceInside() {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(SERVICE_PACKAGES.toArray(new String[0]))
                .because("the platform is what services stand on; it knows none of them").allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> implementUseCase(String portIn) {
        return DescribedPredicate.describe("implement a use case of " + portIn, c -> c.getAllRawInterfaces().stream()
                .anyMatch(i -> i.getPackageName().startsWith(portIn.substring(0, portIn.length() - 2))));
    }

    private HexagonalArchitecture() {
    }
}

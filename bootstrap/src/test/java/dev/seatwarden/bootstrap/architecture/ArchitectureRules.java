package dev.seatwarden.bootstrap.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The architecture rules of the style guide, as functions of the base package, so that one
 * definition is checked against the real code ({@code dev.seatwarden}, {@link ArchitectureTest})
 * and shown to fail on planted violations ({@link PlantedViolationTest}). Below {@code base} the
 * packages are {@code domain}, {@code application}, {@code adapters.<technology>} and
 * {@code bootstrap}.
 */
final class ArchitectureRules {

    /** Packages whose classes are frameworks or storage APIs, none of the core's business. */
    static final List<String> FRAMEWORK_PACKAGES = List.of(
            "java.sql..",
            "javax.sql..",
            "com.fasterxml.jackson..",
            "org.jdbi..",
            "spark..",
            "picocli..",
            "org.sqlite..",
            "org.postgresql..");

    private static final String CONSTRUCTOR = "<init>";

    /**
     * The ways of reading the wall clock directly. {@code Instant.now(clock)} and friends that
     * take a {@link Clock} are fine: they read the injected clock.
     */
    private static final List<WallClockRead> WALL_CLOCK_READS = List.of(
            new WallClockRead(Instant.class, "now"),
            new WallClockRead(LocalDateTime.class, "now"),
            new WallClockRead(LocalDate.class, "now"),
            new WallClockRead(LocalTime.class, "now"),
            new WallClockRead(ZonedDateTime.class, "now"),
            new WallClockRead(OffsetDateTime.class, "now"),
            new WallClockRead(System.class, "currentTimeMillis"),
            new WallClockRead(System.class, "nanoTime"),
            new WallClockRead(Clock.class, "systemUTC"),
            new WallClockRead(Clock.class, "systemDefaultZone"),
            new WallClockRead(Clock.class, "system", ZoneId.class),
            new WallClockRead(Date.class, CONSTRUCTOR));

    private ArchitectureRules() {}

    static ArchRule domainDependsOnlyOnJavaAndVavr(String base) {
        return classes()
                .that()
                .resideInAPackage(domain(base))
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(domain(base), "java..", "io.vavr..")
                .because("the domain is the part other teams embed: plain Java and Vavr, nothing to"
                        + " drag in, nothing that ties the rules to a technology");
    }

    static ArchRule applicationDependsOnlyOnDomainJavaVavrAndCaffeine(String base) {
        return classes()
                .that()
                .resideInAPackage(application(base))
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        application(base), domain(base), "java..", "io.vavr..", "com.github.benmanes.caffeine.cache..")
                .because("the use cases reach every technology through an out-port, so each adapter"
                        + " can be replaced (or kept in memory) without touching them; Caffeine is the"
                        + " verification cache's bounded, expiring map (issue 7), not a technology");
    }

    /**
     * Overlaps the two whitelists on purpose: {@code java..} lets {@code java.sql} through them,
     * and this rule keeps naming the frameworks even if a whitelist is ever widened.
     */
    static ArchRule domainAndApplicationUseNoFramework(String base) {
        return noClasses()
                .that()
                .resideInAnyPackage(domain(base), application(base))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORK_PACKAGES.toArray(String[]::new))
                .because("storage, JSON, HTTP and the command line belong in adapters and"
                        + " bootstrap; the rules must run the same over any of them");
    }

    /**
     * Domain at the centre, use cases around it, one adapter per technology outside, and no adapter
     * reaching into another. The adapter modules hold only a package-info until later issues fill
     * them, hence optional layers. Bootstrap wires everything together, so its dependencies are
     * ignored; every other class must sit in one of the rings.
     */
    static ArchRule onion(String base) {
        return onionArchitecture()
                .domainModels(domain(base))
                .applicationServices(application(base))
                .adapter("rest", base + ".adapters.rest..")
                .adapter("persistence", base + ".adapters.persistence..")
                .adapter("filesystem", base + ".adapters.filesystem..")
                .withOptionalLayers(true)
                .ignoreDependency(resideInAPackage(bootstrap(base)), DescribedPredicate.alwaysTrue())
                .ensureAllClassesAreContainedInArchitectureIgnoring(bootstrap(base))
                .because("dependencies point inwards, towards the rules, so the core never changes"
                        + " because a technology does");
    }

    /**
     * The onion rule forbids adapter-to-adapter dependencies too, but only for the three adapters
     * it names; slicing by package also covers an adapter added later without updating the onion.
     * ArchUnit fails a slices rule that finds no slice at all ("failed to check any classes"), and
     * we keep that failure on: today each adapter package is one slice holding its package-info
     * class, so the rule checks three slices and fails loudly if the adapter packages vanish.
     */
    static ArchRule adaptersDoNotDependOnEachOther(String base) {
        return slices().matching(base + ".adapters.(*)..")
                .should()
                .notDependOnEachOther()
                .because("each adapter speaks one technology to the application's ports; an adapter"
                        + " using another would couple two technologies behind the core's back");
    }

    static ArchRule noStaticSparkApi(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("spark.Spark")
                .because("the static sparkjava API keeps one server per JVM; every REST server is a"
                        + " Service.ignite() instance, so that tests (and embedders) can run several side by side");
    }

    static ArchRule onlyBootstrapReadsTheWallClock(String base) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(bootstrap(base))
                .should()
                .accessTargetWhere(readsTheWallClock())
                .because("R18: every rule reads time from the injected java.time.Clock, so tests can"
                        + " set the time and boundaries are exact; only bootstrap creates the system"
                        + " clock");
    }

    private static DescribedPredicate<JavaAccess<?>> readsTheWallClock() {
        var description = WALL_CLOCK_READS.stream().map(WallClockRead::toString).collect(Collectors.joining(", "));
        return DescribedPredicate.describe(
                "reads the wall clock (" + description + ")",
                access -> WALL_CLOCK_READS.stream().anyMatch(read -> read.matches(access)));
    }

    private static String domain(String base) {
        return base + ".domain..";
    }

    private static String application(String base) {
        return base + ".application..";
    }

    private static String bootstrap(String base) {
        return base + ".bootstrap..";
    }

    /** A call (or method reference) of {@code owner.name(parameterTypes)}. */
    private record WallClockRead(Class<?> owner, String name, List<Class<?>> parameterTypes) {
        WallClockRead(Class<?> owner, String name, Class<?>... parameterTypes) {
            this(owner, name, List.of(parameterTypes));
        }

        boolean matches(JavaAccess<?> access) {
            return access.getTarget() instanceof CodeUnitAccessTarget target
                    && target.getOwner().isEquivalentTo(owner)
                    && target.getName().equals(name)
                    && target.getRawParameterTypes().stream()
                            .map(JavaClass::getName)
                            .toList()
                            .equals(parameterTypes.stream().map(Class::getName).toList());
        }

        @Override
        public String toString() {
            var params = parameterTypes.stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
            return name.equals(CONSTRUCTOR)
                    ? "new " + owner.getSimpleName() + "(" + params + ")"
                    : owner.getSimpleName() + "." + name + "(" + params + ")";
        }
    }
}

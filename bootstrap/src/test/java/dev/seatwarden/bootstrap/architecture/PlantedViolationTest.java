package dev.seatwarden.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link ArchitectureRules} fails on the classes planted in {@code …planted}, for the
 * planted reason, and accuses nothing that is allowed. A rule that cannot fail protects nothing.
 */
class PlantedViolationTest {

    private static final String PLANTED = "dev.seatwarden.bootstrap.architecture.planted";

    private static JavaClasses planted;

    @BeforeAll
    static void import_the_planted_classes() {
        planted = new ClassFileImporter().importPackages(PLANTED);
    }

    @Test
    void the_domain_whitelist_fails_on_a_domain_class_that_uses_an_adapter() {
        // given
        var rule = ArchitectureRules.domainDependsOnlyOnJavaAndVavr(PLANTED);

        // when / then
        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("because the domain is the part other teams embed")
                .hasMessageContaining("EntityUsingAnAdapter.route(")
                .hasMessageContaining(PLANTED + ".adapters.rest.PlantedRoutes")
                // java.. and io.vavr.. are allowed, so these are no violation of this rule
                .satisfies(error ->
                        assertThat(error.getMessage()).doesNotContain("CleanEntity", "JdbcEntity", "WallClockEntity"));
    }

    @Test
    void the_application_whitelist_fails_on_a_use_case_class_that_uses_a_logging_library() {
        // given
        var rule = ArchitectureRules.applicationDependsOnlyOnDomainJavaVavrAndCaffeine(PLANTED);

        // when / then
        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("because the use cases reach every technology through an out-port")
                .hasMessageContaining("ServiceWithALogger")
                .hasMessageContaining("org.slf4j.LoggerFactory")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("ServiceCreatingASystemClock"));
    }

    @Test
    void the_framework_rule_fails_on_jdbc_in_the_domain_which_the_java_whitelist_lets_through() {
        // given
        var rule = ArchitectureRules.domainAndApplicationUseNoFramework(PLANTED);

        // when / then
        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("because storage, JSON, HTTP and the command line belong")
                .hasMessageContaining("JdbcEntity.save(java.sql.Connection)")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("CleanEntity", "PlantedWiring"));
    }

    @Test
    void the_onion_rule_fails_on_outward_dependencies_on_adapter_to_adapter_and_on_a_class_outside_every_ring() {
        // given
        var rule = ArchitectureRules.onion(PLANTED);

        // when / then
        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("because dependencies point inwards")
                .hasMessageContaining("EntityUsingAnAdapter.route(")
                .hasMessageContaining("PlantedRoutes.tokens")
                .hasMessageContaining("StrayHelper")
                // bootstrap depends on every ring, and may
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("PlantedWiring"));
    }

    @Test
    void the_slices_rule_fails_when_one_adapter_depends_on_another() {
        // given
        var rule = ArchitectureRules.adaptersDoNotDependOnEachOther(PLANTED);

        // when / then
        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("because each adapter speaks one technology")
                .hasMessageContaining("Slice rest")
                .hasMessageContaining("Slice persistence")
                .hasMessageContaining("PlantedRoutes");
    }

    @Test
    void the_slices_rule_fails_rather_than_passing_silently_when_there_is_no_adapter_at_all() {
        // given only the planted domain, so not a single adapter slice
        var withoutAdapters = new ClassFileImporter().importPackages(PLANTED + ".domain");
        var rule = ArchitectureRules.adaptersDoNotDependOnEachOther(PLANTED);

        // when / then
        assertThatThrownBy(() -> rule.check(withoutAdapters))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void the_wall_clock_rule_fails_on_calls_and_method_references_outside_bootstrap() {
        // given
        var rule = ArchitectureRules.onlyBootstrapReadsTheWallClock(PLANTED);

        // when / then
        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("because R18: every rule reads time from the injected java.time.Clock")
                .hasMessageContaining("WallClockEntity.createdAt()> calls method <java.time.Instant.now()>")
                .hasMessageContaining("<java.lang.System.currentTimeMillis()>")
                .hasMessageContaining("<java.time.Clock.systemDefaultZone()>")
                // Instant.now(clock) reads the injected clock; bootstrap makes the system clock
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("CleanEntity", "PlantedWiring"));
    }

    @Test
    void the_real_architecture_test_imports_no_test_class_so_none_of_the_planted_ones() {
        // given the import of ArchitectureTest
        var real = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(ArchitectureTest.BASE);

        // then
        assertThat(real.stream().map(JavaClass::getPackageName)).noneMatch(name -> name.startsWith(PLANTED));
        assertThat(real.stream().map(JavaClass::getPackageName))
                .contains("dev.seatwarden.domain.seat", "dev.seatwarden.application.service");
    }

    @Test
    void every_rule_of_the_real_architecture_test_is_one_that_fails_on_the_planted_classes() throws Exception {
        // given the rule definitions, aimed at the planted classes
        var failingHere = Stream.of(
                        ArchitectureRules.domainDependsOnlyOnJavaAndVavr(PLANTED),
                        ArchitectureRules.applicationDependsOnlyOnDomainJavaVavrAndCaffeine(PLANTED),
                        ArchitectureRules.domainAndApplicationUseNoFramework(PLANTED),
                        ArchitectureRules.onion(PLANTED),
                        ArchitectureRules.adaptersDoNotDependOnEachOther(PLANTED),
                        ArchitectureRules.onlyBootstrapReadsTheWallClock(PLANTED),
                        ArchitectureRules.noStaticSparkApi(PLANTED))
                .filter(rule -> rule.evaluate(planted).hasViolation())
                .map(ArchRule::getDescription)
                .toList();

        // when the real rules are aimed at the planted classes too
        var real = new ArrayList<String>();
        for (Field field : ArchitectureTest.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(ArchTest.class)) {
                var rule = (ArchRule) field.get(null);
                real.add(rule.getDescription().replace(ArchitectureTest.BASE + ".", PLANTED + "."));
            }
        }

        // then each is one of them: a rule added without a planted violation is not shown to bite
        assertThat(failingHere).hasSize(7);
        assertThat(real).hasSize(7).allSatisfy(rule -> assertThat(failingHere).contains(rule));
    }

    @Test
    void the_static_spark_rule_fails_on_a_class_that_starts_the_static_server() {
        // given
        var rule = ArchitectureRules.noStaticSparkApi(PLANTED);

        // when / then
        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("because the static sparkjava API keeps one server per JVM")
                .hasMessageContaining("PlantedStaticServer.listen(int)")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("PlantedRoutes"));
    }
}

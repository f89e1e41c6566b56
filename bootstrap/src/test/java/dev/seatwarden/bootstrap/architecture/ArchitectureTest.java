package dev.seatwarden.bootstrap.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The style guide's architecture rules over every production class of every module (bootstrap's
 * class path holds them all). Test classes are left out, the planted violations of {@link
 * PlantedViolationTest} among them. The rules themselves are in {@link ArchitectureRules}.
 */
@AnalyzeClasses(packages = ArchitectureTest.BASE, importOptions = ProductionClassesOnly.class)
class ArchitectureTest {

    static final String BASE = "dev.seatwarden";

    @ArchTest
    static final ArchRule the_domain_depends_only_on_itself_java_and_vavr =
            ArchitectureRules.domainDependsOnlyOnJavaAndVavr(BASE);

    @ArchTest
    static final ArchRule the_application_depends_only_on_itself_the_domain_java_vavr_and_caffeine =
            ArchitectureRules.applicationDependsOnlyOnDomainJavaVavrAndCaffeine(BASE);

    @ArchTest
    static final ArchRule neither_domain_nor_application_uses_a_framework =
            ArchitectureRules.domainAndApplicationUseNoFramework(BASE);

    @ArchTest
    static final ArchRule dependencies_point_inwards_like_the_layers_of_an_onion = ArchitectureRules.onion(BASE);

    @ArchTest
    static final ArchRule no_adapter_depends_on_another_adapter =
            ArchitectureRules.adaptersDoNotDependOnEachOther(BASE);

    @ArchTest
    static final ArchRule no_class_uses_the_static_spark_api = ArchitectureRules.noStaticSparkApi(BASE);

    @ArchTest
    static final ArchRule only_bootstrap_reads_the_wall_clock = ArchitectureRules.onlyBootstrapReadsTheWallClock(BASE);
}

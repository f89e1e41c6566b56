package dev.seatwarden.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Leaves out test classes: test-class folders, as {@link ImportOption.DoNotIncludeTests} does, and
 * also the modules' test-jars (test fixtures and contract suites that bootstrap's tests reuse),
 * which that option takes for production code.
 */
final class ProductionClassesOnly implements ImportOption {

    private static final ImportOption TEST_FOLDERS = new ImportOption.DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return TEST_FOLDERS.includes(location) && !location.contains("-tests.jar");
    }
}

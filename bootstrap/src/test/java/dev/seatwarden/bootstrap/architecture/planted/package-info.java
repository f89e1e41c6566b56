/**
 * Classes that break the architecture rules on purpose, one violation each, so that {@code
 * PlantedViolationTest} can show every rule failing. They are test classes, so the real {@code
 * ArchitectureTest} never imports them. Below this package the layout mirrors the real one:
 * {@code domain}, {@code application}, {@code adapters.*}, {@code bootstrap}.
 */
package dev.seatwarden.bootstrap.architecture.planted;

package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The server serves exactly the dashboard's files: none forgotten from the list, none listed that is not there. */
class DashboardFilesTest {

    @Test
    void the_served_files_are_the_files_of_the_dashboard_folder() throws IOException {
        try (var files = Files.list(Path.of("src", "main", "resources", "dashboard"))) {
            var present = files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.equals("index.html"))
                    .collect(Collectors.toSet());

            assertThat(OperationsRoutes.DASHBOARD_FILES).containsExactlyInAnyOrderElementsOf(present);
        }
    }
}

package dev.seatwarden.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatwarden.adapters.persistence.DatabaseSettings.SqliteSynchronous;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void the_default_is_the_embedded_sqlite_file_in_seatwarden_data_durable_first() {
        var defaults = DatabaseSettings.defaults();

        assertThat(defaults.url()).isEqualTo("jdbc:sqlite:./seatwarden-data/seatwarden.db");
        assertThat(defaults.engine()).isEqualTo(Engine.SQLITE);
        assertThat(defaults.sqliteSynchronous()).isEqualTo(SqliteSynchronous.FULL);
        assertThat(defaults.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.user()).isEmpty();
        assertThat(defaults.password()).isEmpty();
    }

    @Test
    void the_url_prefix_chooses_the_engine() {
        assertThat(DatabaseSettings.of("jdbc:sqlite:/var/lib/seatwarden/db").engine())
                .isEqualTo(Engine.SQLITE);
        assertThat(DatabaseSettings.of("jdbc:postgresql://db.internal:5432/seatwarden")
                        .engine())
                .isEqualTo(Engine.POSTGRESQL);
    }

    @Test
    void an_unsupported_or_empty_url_is_refused_with_a_message_that_names_the_problem_but_not_the_url() {
        // Given URLs of engines Seatwarden does not run on, one with a password in it
        var mysql = "jdbc:mysql://db/seatwarden?user=root&password=hunter2-secret";

        // Then each is refused, saying which URLs are accepted, never repeating the URL
        assertThatThrownBy(() -> DatabaseSettings.of(mysql))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseSettings.of("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThat(Engine.of(null).getLeft()).contains("empty");
    }

    @Test
    void an_in_memory_or_temporary_sqlite_database_is_refused_asking_for_a_file() {
        for (var url : java.util.List.of(
                "jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file:x?mode=memory&cache=shared")) {
            assertThatThrownBy(() -> DatabaseSettings.of(url))
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not supported")
                    .hasMessageContaining("give a file");
        }
    }

    @Test
    void passwords_never_show_in_the_masked_url_or_in_to_string() {
        var inQuery = DatabaseSettings.of("jdbc:postgresql://db:5432/sw?user=sw&password=hunter2-secret&ssl=true")
                .withCredentials(Option.some("sw"), Option.some("another-secret"));
        var inAuthority = DatabaseSettings.of("jdbc:postgresql://sw:hunter2-secret@db:5432/sw");

        assertThat(inQuery.maskedUrl()).isEqualTo("jdbc:postgresql://db:5432/sw?user=sw&password=***&ssl=true");
        assertThat(inAuthority.maskedUrl()).isEqualTo("jdbc:postgresql://sw:***@db:5432/sw");
        assertThat(inQuery.toString())
                .doesNotContain("hunter2")
                .doesNotContain("another-secret")
                .contains("password=***");
        assertThat(inAuthority.toString()).doesNotContain("hunter2");
    }

    @Test
    void pool_size_and_busy_timeout_out_of_range_are_refused_with_the_range() {
        var settings = DatabaseSettings.defaults();

        assertThatThrownBy(() -> settings.withPoolSize(0)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> settings.withBusyTimeout(Duration.ofMillis(-1)))
                .hasMessageContaining("busy timeout");
        assertThat(settings.withPoolSize(3).withBusyTimeout(Duration.ZERO).poolSize())
                .isEqualTo(3);
    }
}

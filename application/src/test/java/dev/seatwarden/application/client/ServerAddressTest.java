package dev.seatwarden.application.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

/** {@code host} of rpd_account.json and {@code --host}: a host name with an optional port (HTTPS), or an http(s) URL. */
class ServerAddressTest {

    @ParameterizedTest
    @CsvSource({
        "api.example.com, https://api.example.com",
        "api.example.com:8443, https://api.example.com:8443",
        "localhost:8080, https://localhost:8080",
        "127.0.0.1, https://127.0.0.1",
        "[::1]:8080, https://[::1]:8080",
        "http://127.0.0.1:8080, http://127.0.0.1:8080",
        "http://127.0.0.1:8080/, http://127.0.0.1:8080",
        "HTTPS://Example.com/seatwarden/, https://Example.com/seatwarden",
    })
    void accepted_addresses_and_the_base_requests_go_below(String written, String base) {
        var address = ServerAddress.parse(written).get();

        assertThat(address.written()).isEqualTo(written);
        assertThat(address.base()).isEqualTo(URI.create(base));
        assertThat(address.resolve("/v1/auth/verify")).isEqualTo(URI.create(base + "/v1/auth/verify"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''| the host is empty",
                "ftp://example.com| must start with http:// or https://",
                "example.com/path| neither a host name with an optional port",
                "https://ada:pw@example.com| user name or password",
                "https://example.com/?q=1| query",
                "https://example.com/#top| fragment",
                "example.com:0| port must be 1 to 65535",
                "example.com:70000| port must be 1 to 65535",
                "exa mple.com| a space",
                "bad_host.example.com| not a valid host name",
                "https://| not a valid host name",
            })
    void refused_addresses_say_why(String written, String reason) {
        assertThat(ServerAddress.parse(written).getLeft()).contains(reason.strip());
    }

    private static final Gen<String> LABELS =
            strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 20);

    @Test
    void any_host_name_and_port_is_an_https_address() {
        qt().forAll(LABELS, LABELS, integers().between(1, 65_535)).checkAssert((name, domain, port) -> {
            var written = name + "." + domain + ":" + port;
            assertThat(ServerAddress.parse(written).get().base()).isEqualTo(URI.create("https://" + written));
        });
    }

    @Test
    void any_string_parses_or_is_refused_never_throws() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40))
                .checkAssert(raw -> assertThat(ServerAddress.parse(raw)).isNotNull());
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40))
                .checkAssert(
                        raw -> assertThat(ServerAddress.parse("http://" + raw)).isNotNull());
    }
}

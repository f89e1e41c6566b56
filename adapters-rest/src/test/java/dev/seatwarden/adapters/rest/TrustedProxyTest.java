package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.adapters.rest.contract.Http;
import dev.seatwarden.domain.account.Plan;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Forwarded headers count only from the trusted proxy. */
class TrustedProxyTest {

    private static String signInCookie(InMemoryServer server, String forwardedProto) {
        server.openAccount("owner@example.com", Plan.PRO, "correct horse battery staple");
        return new Http(server.baseUri())
                .call("POST", "/v1/session")
                .header("X-Forwarded-Proto", forwardedProto)
                .json("{\"email\":\"owner@example.com\",\"password\":\"correct horse battery staple\"}")
                .send()
                .header("Set-Cookie");
    }

    @Test
    void the_cookie_is_secure_when_the_trusted_proxy_says_https() {
        try (var server = new InMemoryServer(
                RestSettings.defaults().withPort(0).withTrustedProxy(Option.some("127.0.0.1")),
                UnaryOperator.identity())) {
            assertThat(signInCookie(server, "https")).endsWith("; Secure");
        }
    }

    @Test
    void forwarded_headers_from_anyone_else_are_ignored() {
        try (var server = new InMemoryServer()) {
            assertThat(signInCookie(server, "https")).doesNotContain("Secure");
            // and the throttle counts the peer, whatever X-Forwarded-For says
            var http = new Http(server.baseUri());
            for (int i = 0; i < 20; i++) {
                http.call("POST", "/v1/auth/verify")
                        .header("X-Forwarded-For", "10.0.0." + i)
                        .send();
            }
            assertThat(http.call("POST", "/v1/auth/verify")
                            .header("X-Forwarded-For", "10.0.0.99")
                            .send()
                            .status())
                    .isEqualTo(429);
        }
    }

    @Test
    void behind_the_trusted_proxy_the_right_most_forwarded_address_is_throttled() {
        try (var server = new InMemoryServer(
                RestSettings.defaults().withPort(0).withTrustedProxy(Option.some("127.0.0.1")),
                UnaryOperator.identity())) {
            var http = new Http(server.baseUri());
            for (int i = 0; i < 20; i++) {
                http.call("POST", "/v1/auth/verify")
                        .header("X-Forwarded-For", "10.0.0." + i + ", 192.0.2.7")
                        .send();
            }
            assertThat(http.call("POST", "/v1/auth/verify")
                            .header("X-Forwarded-For", "192.0.2.7")
                            .send()
                            .status())
                    .isEqualTo(429);
            assertThat(http.call("POST", "/v1/auth/verify")
                            .header("X-Forwarded-For", "192.0.2.8")
                            .send()
                            .status())
                    .isEqualTo(401);
        }
    }
}

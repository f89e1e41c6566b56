package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.seatwarden.adapters.rest.contract.Http;
import dev.seatwarden.domain.account.Plan;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No secret, password, session id or CSRF token reaches a log line, whatever a client does. */
class LogSecrecyTest {

    private static final String PASSWORD = "a password nobody may log";

    @Test
    void a_whole_scenario_leaves_no_secret_in_any_log_event() {
        // given every log event captured, the access log included
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var access = (Logger) LoggerFactory.getLogger("dev.seatwarden.adapters.rest.access");
        var jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        var spark = (Logger) LoggerFactory.getLogger("spark");
        var levels = new Level[] {access.getLevel(), jetty.getLevel(), spark.getLevel()};
        access.setLevel(Level.INFO);
        jetty.setLevel(Level.INFO);
        spark.setLevel(Level.INFO);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        var secrets = new ArrayList<String>();
        secrets.add(PASSWORD);
        try (var server = new InMemoryServer()) {
            var http = new Http(server.baseUri());
            server.openAccount("owner@example.com", Plan.PRO, PASSWORD);
            // when: failed sign-ins, a sign-in, a token, verifications, a rotation, a leak report, sign-out
            http.call("POST", "/v1/session")
                    .json("{\"email\":\"owner@example.com\",\"password\":\"wrong " + PASSWORD + "\"}")
                    .send();
            var signedIn = http.call("POST", "/v1/session")
                    .json("{\"email\":\"owner@example.com\",\"password\":\"" + PASSWORD + "\"}")
                    .send();
            var setCookie = signedIn.header("Set-Cookie");
            var cookie = setCookie.substring(0, setCookie.indexOf(';'));
            var csrf = signedIn.json().get("csrfToken").asText();
            secrets.add(cookie.substring(cookie.indexOf('=') + 1));
            secrets.add(csrf);
            var created = http.call("POST", "/v1/tokens")
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .json("{\"name\":\"ci\",\"kind\":\"API\"}")
                    .send()
                    .json();
            var id = created.get("id").asText();
            var secret = created.get("secret").asText();
            secrets.add(secret);
            http.call("POST", "/v1/auth/verify")
                    .header("Authorization", "Bearer " + secret)
                    .header("X-Machine-Id", "m-1")
                    .send();
            http.call("POST", "/v1/integrations/verify")
                    .header("Authorization", "Bearer " + secret)
                    .header("X-Machine-Id", "m-1")
                    .send();
            var rotated = http.call("POST", "/v1/tokens/" + id + "/rotate")
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .send()
                    .json()
                    .get("secret")
                    .asText();
            secrets.add(rotated);
            http.call("POST", "/v1/credentials/revoke")
                    .json("{\"secrets\":[\"" + rotated + "\"]}")
                    .send();
            http.call("POST", "/v1/tokens")
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .json("{\"name\":\"" + secret + "\",\"kind\":" + "{\"" + secret + "\":1}}")
                    .send();
            http.call("POST", "/v1/tokens")
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .json("{\"name\":\"" + secret + "\" trailing " + secret)
                    .send();
            // a careless client puts a secret where an id goes, or sends it as its request id
            http.call("GET", "/v1/tokens/" + secret).header("Cookie", cookie).send();
            http.call("POST", "/v1/tokens/" + rotated + "/revoke")
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .send();
            http.call("GET", "/health").header("X-Request-Id", secret).send();
            http.call("DELETE", "/v1/session")
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .send();
            http.call("GET", "/v1/account").header("Cookie", cookie).send();
        } finally {
            root.detachAppender(appender);
            access.setLevel(levels[0]);
            jetty.setLevel(levels[1]);
            spark.setLevel(levels[2]);
        }
        // then
        var events = new ArrayList<>(appender.list);
        assertThat(events).anyMatch(e -> e.getLoggerName().equals("dev.seatwarden.adapters.rest.access"));
        for (var event : events) {
            var text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (var secret : secrets) {
                assertThat(text).as("a log event of " + event.getLoggerName()).doesNotContain(secret);
            }
        }
    }
}

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The Java side of the load benchmark's seat claims (issue 7), run by benchmarks/load/run.sh as a
 * single-file program: {@code java Claims.java ARGS}. The claims themselves are driven by wrk
 * (claims.lua), a client cheap enough not to take the server's CPU on the shared cores.
 *
 * <pre>
 * java Claims.java fsync DIR SECONDS
 *     appends 4 KiB and forces it (FileChannel.force(false), an fdatasync) in a loop for SECONDS
 *     in a new file in DIR (the disk the database lives on); prints "fsync_per_s N".
 * java Claims.java tokens BASE_URL EMAIL PASSWORD_FILE COUNT CONCURRENCY PREFIX OUT_FILE
 *     signs in and creates COUNT API tokens with CONCURRENCY threads; writes one
 *     "secret PREFIX-i" line per token (a token and the machine that will claim its seat) to
 *     OUT_FILE, a new file readable by its owner only; prints "created_per_s N".
 * </pre>
 *
 * Nothing printed holds a token, the password or the session cookie.
 */
public final class Claims {

    private static final Pattern SECRET = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("fsync")) {
            fsync(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 8 && args[0].equals("tokens")) {
            tokens(
                    args[1],
                    args[2],
                    Path.of(args[3]),
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]),
                    args[6],
                    Path.of(args[7]));
        } else {
            System.err.println("usage: java Claims.java fsync DIR SECONDS"
                    + " | tokens BASE_URL EMAIL PASSWORD_FILE COUNT CONCURRENCY PREFIX OUT_FILE");
            System.exit(2);
        }
    }

    private static void fsync(Path dir, int seconds) throws IOException {
        var file = Files.createTempFile(dir, "fsync-", ".bin");
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            var block = ByteBuffer.allocate(4096);
            long count = 0;
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            long now;
            do {
                block.clear();
                channel.write(block);
                channel.force(false);
                count++;
                now = System.nanoTime();
            } while (now < end);
            System.out.printf("fsync_per_s %.0f%n", count / ((now - start) / 1e9));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void tokens(
            String base, String email, Path passwordFile, int count, int concurrency, String prefix, Path out)
            throws Exception {
        var password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var signIn = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":" + json(email) + ",\"password\":" + json(password) + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (signIn.statusCode() != 200) {
            throw new IllegalStateException("sign-in answered " + signIn.statusCode());
        }
        var cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        var csrf = match(CSRF, signIn.body(), "csrfToken");

        var secrets = new String[count];
        var pool = Executors.newFixedThreadPool(concurrency);
        try {
            var next = new AtomicInteger();
            long start = System.nanoTime();
            run(pool, concurrency, () -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    var created = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/tokens"))
                                    .header("Content-Type", "application/json")
                                    .header("Cookie", cookie)
                                    .header("X-CSRF-Token", csrf)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"name\":\"" + prefix + "-" + i + "\",\"kind\":\"API\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (created.statusCode() != 201) {
                        throw new IllegalStateException("token creation answered " + created.statusCode());
                    }
                    secrets[i] = match(SECRET, created.body(), "secret");
                }
                return null;
            });
            double perSecond = count / ((System.nanoTime() - start) / 1e9);
            var lines = new StringBuilder();
            for (int i = 0; i < count; i++) {
                lines.append(secrets[i]).append(' ').append(prefix).append('-').append(i).append('\n');
            }
            Files.writeString(
                    Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    lines,
                    StandardCharsets.UTF_8);
            System.out.printf("created_per_s %.0f%n", perSecond);
        } finally {
            Arrays.fill(secrets, null);
            pool.shutdownNow();
        }
    }

    private interface Job {
        Void call() throws Exception;
    }

    private static void run(ExecutorService pool, int workers, Job job) throws Exception {
        List<Future<Void>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(pool.submit(job::call));
        }
        for (var future : running) {
            future.get();
        }
    }

    private static String match(Pattern pattern, String body, String what) {
        var found = pattern.matcher(body);
        if (!found.find()) {
            throw new IllegalStateException("no " + what + " in the answer");
        }
        return found.group(1);
    }

    private static String json(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}

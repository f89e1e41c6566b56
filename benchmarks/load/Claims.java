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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * First-use seat claims per second next to the disk's fsync rate (issue 7), run by
 * benchmarks/load/run.sh as a single-file program: {@code java Claims.java ARGS}.
 *
 * <pre>
 * java Claims.java fsync DIR SECONDS
 *     appends 4 KiB and forces it (FileChannel.force(false), an fdatasync) in a loop for SECONDS
 *     in a new file in DIR (the disk the database lives on); prints "fsync_per_s N".
 * java Claims.java claims BASE_URL EMAIL PASSWORD_FILE TOKENS CONCURRENCY WARMUP SERVER_PID
 *     signs in, creates WARMUP + TOKENS API tokens, then verifies each exactly once from its own
 *     machine with CONCURRENCY threads: every verification is a first use that assigns the seat
 *     (NEW), a durable write. The first WARMUP claims warm the server's and this client's code
 *     and are not counted; of the TOKENS that follow it prints "claims_per_s N", "claim_p50_ms",
 *     "claim_p99_ms", and "server_cpu_ticks" (the server's user + system time over them, from
 *     /proc/SERVER_PID/stat), then "created_per_s".
 * </pre>
 *
 * Secrets stay in memory: nothing printed holds a token, the password or the session cookie.
 */
public final class Claims {

    private static final Pattern SECRET = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("fsync")) {
            fsync(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 8 && args[0].equals("claims")) {
            claims(
                    args[1],
                    args[2],
                    Path.of(args[3]),
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]),
                    Long.parseLong(args[7]));
        } else {
            System.err.println("usage: java Claims.java fsync DIR SECONDS"
                    + " | claims BASE_URL EMAIL PASSWORD_FILE TOKENS CONCURRENCY WARMUP SERVER_PID");
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

    private static void claims(
            String base, String email, Path passwordFile, int measured, int concurrency, int warmup, long serverPid)
            throws Exception {
        int tokens = warmup + measured;
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

        var pool = Executors.newFixedThreadPool(concurrency);
        try {
            var secrets = new String[tokens];
            var next = new AtomicInteger();
            long createStart = System.nanoTime();
            run(pool, concurrency, () -> {
                for (int i; (i = next.getAndIncrement()) < tokens; ) {
                    var created = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/tokens"))
                                    .header("Content-Type", "application/json")
                                    .header("Cookie", cookie)
                                    .header("X-CSRF-Token", csrf)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"name\":\"claim-" + i + "\",\"kind\":\"API\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (created.statusCode() != 201) {
                        throw new IllegalStateException("token creation answered " + created.statusCode());
                    }
                    secrets[i] = match(SECRET, created.body(), "secret");
                }
                return null;
            });
            double createdPerSecond = tokens / ((System.nanoTime() - createStart) / 1e9);

            var latencies = new ConcurrentLinkedQueue<Long>();
            // the warm-up claims first, not measured: they warm the server's and this client's code
            var warming = new AtomicInteger();
            run(pool, concurrency, () -> {
                for (int i; (i = warming.getAndIncrement()) < warmup; ) {
                    claimOne(http, base, secrets[i], i);
                }
                return null;
            });
            var claim = new AtomicInteger(warmup);
            Job claimAll = () -> {
                for (int i; (i = claim.getAndIncrement()) < tokens; ) {
                    long begin = System.nanoTime();
                    claimOne(http, base, secrets[i], i);
                    latencies.add(System.nanoTime() - begin);
                }
                return null;
            };
            long cpuBefore = cpuTicks(serverPid);
            long start = System.nanoTime();
            run(pool, concurrency, claimAll);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuAfter = cpuTicks(serverPid);
            var sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("claims_per_s %.0f%n", measured / seconds);
            System.out.printf("claim_p50_ms %.2f%n", percentile(sorted, 0.50) / 1e6);
            System.out.printf("claim_p99_ms %.2f%n", percentile(sorted, 0.99) / 1e6);
            System.out.printf("server_cpu_ticks %d%n", cpuAfter - cpuBefore);
            System.out.printf("created_per_s %.0f%n", createdPerSecond);
            Arrays.fill(secrets, null);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void claimOne(HttpClient http, String base, String secret, int i) throws Exception {
        var verified = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/auth/verify"))
                        .header("Authorization", "Bearer " + secret)
                        .header("X-Machine-Id", "claim-machine-" + i)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (verified.statusCode() != 200 || !verified.body().contains("\"NEW\"")) {
            throw new IllegalStateException(
                    "a first use answered " + verified.statusCode() + ", not 200 with the assignment NEW");
        }
    }

    /** The process's user + system CPU time so far, in clock ticks: fields 14 and 15 of /proc/PID/stat. */
    private static long cpuTicks(long pid) throws IOException {
        var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
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

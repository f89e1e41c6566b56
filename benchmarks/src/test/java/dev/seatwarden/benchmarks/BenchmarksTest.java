package dev.seatwarden.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.shared.Refusal;
import dev.seatwarden.domain.token.SecretFormat;
import dev.seatwarden.domain.token.TokenKind;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark's setup and one call of it, outside JMH, so that a broken benchmark fails the
 * build; nothing here measures time. Refusals are compared by code, never by a secret.
 */
class BenchmarksTest {

    @Test
    void a_verification_from_the_machine_holding_the_seat_continues_it() {
        var benchmark = new VerifyBenchmark();
        var state = new VerifyBenchmark.OneToken();
        state.setUp();

        var first = benchmark.steadyState(state);
        var second = benchmark.steadyState(state);

        assertThat(first.isRight()).isTrue();
        assertThat(first.get().assignment()).isEqualTo(Assignment.CONTINUING);
        assertThat(second.get()).isEqualTo(first.get());
    }

    @Test
    void the_malformed_and_the_unknown_secret_are_refused_with_their_codes() {
        var benchmark = new VerifyBenchmark();
        var state = new VerifyBenchmark.OneToken();
        state.setUp();

        assertThat(benchmark.refusedMalformed(state).getLeft().code()).isEqualTo("TOKEN_MALFORMED");
        assertThat(benchmark.refusedUnknown(state).getLeft().code()).isEqualTo("TOKEN_UNKNOWN");
    }

    @Test
    void every_one_of_the_many_tokens_continues_on_its_own_machine() {
        var benchmark = new VerifyBenchmark();
        var state = new VerifyBenchmark.ManyTokens();
        state.tokens = 250; // the benchmark's 10 000 take seconds to set up; 250 fill three accounts
        state.setUp();

        assertThat(state.commands).hasSize(250);
        for (int i = 0; i < 100; i++) {
            var answer = benchmark.manyTokens(state);
            assertThat(answer.isRight()).isTrue();
            assertThat(answer.get().assignment()).isEqualTo(Assignment.CONTINUING);
        }
    }

    @Test
    void the_shared_tokens_continue_from_two_threads_at_once() throws Exception {
        var benchmark = new VerifyBenchmark();
        var state = new VerifyBenchmark.SharedTokens();
        state.tokens = 150;
        state.setUp();

        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Long> calls = () -> IntStream.range(0, 200)
                    .mapToObj(i -> i % 2 == 0 ? benchmark.sharedOneThread(state) : benchmark.sharedTwoThreads(state))
                    .filter(answer -> answer.isRight() && answer.get().assignment() == Assignment.CONTINUING)
                    .count();
            var first = pool.submit(calls);
            var second = pool.submit(calls);

            assertThat(state.commands).hasSize(150);
            assertThat(first.get()).isEqualTo(200);
            assertThat(second.get()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_cache_footprint_measures_a_cache_holding_every_tokens_facts() {
        var small = CacheFootprint.measure(20);
        var larger = CacheFootprint.measure(200);

        assertThat(small.cachedFacts()).isEqualTo(20);
        assertThat(larger.cachedFacts()).isEqualTo(200);
        // each token more holds at least its token, account and seat: three objects of 16 bytes or more
        assertThat(larger.bytes() - small.bytes()).isGreaterThanOrEqualTo(180L * 3 * 16);
        assertThat(larger.largest()).isNotEmpty();
    }

    @Test
    void the_secret_benchmarks_make_parse_and_hash_a_valid_secret() {
        var benchmark = new SecretBenchmark();
        benchmark.setUp();

        var made = benchmark.generate();
        var parsed = benchmark.parse();
        var hash = benchmark.hash();

        assertThat(made.kind()).isEqualTo(TokenKind.API);
        assertThat(SecretFormat.parse(made.reveal()).isRight()).isTrue();
        assertThat(parsed.isRight()).isTrue();
        assertThat(hash.value()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void the_policy_benchmarks_answer_as_the_rules_say() {
        var benchmark = new PolicyBenchmark();
        benchmark.setUp();

        assertThat(benchmark.seatRelease().getLeft()).isInstanceOf(Refusal.SeatReleaseRateLimited.class);
        assertThat(benchmark.inactivity()).isFalse();
        assertThat(benchmark.integrationSlot().getLeft()).isInstanceOf(Refusal.IntegrationTokenLimitReached.class);
        assertThat(benchmark.planEligibility().isRight()).isTrue();
    }
}

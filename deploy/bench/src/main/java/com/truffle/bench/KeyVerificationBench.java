package com.truffle.bench;

import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link KeyVerificationBenchmark} (one thread: one core's worth) and prints the figures against the goals of
 * issue 4. {@code deploy/bench/jmh.sh}; a quick run: {@code jmh.sh --quick}.
 */
public final class KeyVerificationBench {

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        Options options = new OptionsBuilder()
                .include(KeyVerificationBenchmark.class.getSimpleName())
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 3))
                .jvmArgs("-Xms1g", "-Xmx1g")
                .build();
        Collection<RunResult> results = new Runner(options).run();

        double valid = 0;
        double garbageP99 = 0;
        double garbageP50 = 0;
        double garbageRate = 0;
        double checksum = 0;
        double hmac = 0;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            Result<?> p = r.getPrimaryResult();
            if (name.endsWith(".validKey")) {
                valid = p.getScore();
            } else if (name.endsWith(".garbageKey")) {
                garbageP99 = p.getStatistics().getPercentile(99);
                garbageP50 = p.getStatistics().getPercentile(50);
                garbageRate = 1e6 / p.getStatistics().getMean(); // one thread: calls per second
            } else if (name.endsWith(".checksumOnly")) {
                checksum = p.getScore();
            } else if (name.endsWith(".hmacOnly")) {
                hmac = p.getScore();
            }
        }
        System.out.println();
        System.out.println("=== key verification hot path (issue 4) ===");
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "valid key (checksum + HMAC + lookup in 100k replica): %,.0f /s on one thread  goal >= 1,000,000 /s: %s%n",
                valid, valid >= 1_000_000 ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "  parts: format+checksum %,.0f /s, HMAC-SHA256 %,.0f /s%n", checksum, hmac);
        System.out.printf(Locale.ROOT, "garbage key rejected: p50 %.2f us, p99 %.2f us, %,.0f /s  goal p99 <= 20 us with 0 lookups: %s%n",
                garbageP50, garbageP99, garbageRate, garbageP99 <= 20 ? "MET" : "NOT MET");
        System.out.println("(zero lookups for garbage is enforced: the garbage runs fail if any lookup happened)");
    }

    private KeyVerificationBench() {
    }
}

package dev.tusk.runtime.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Percentiles of outage durations. Pure. */
public final class Stats {

    private Stats() {
    }

    /** The median (mean of the two middle values for an even count); empty for no values. */
    public static Optional<Duration> p50(Collection<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        if (n % 2 == 1) {
            return Optional.of(sorted.get(n / 2));
        }
        return Optional.of(sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
    }

    public static Optional<Duration> max(Collection<Duration> values) {
        return values.stream().max(Duration::compareTo);
    }

    public static String seconds(Optional<Duration> d) {
        return d.map(Stats::seconds).orElse("-");
    }

    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}

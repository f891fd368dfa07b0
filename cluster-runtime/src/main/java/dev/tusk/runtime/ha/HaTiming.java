package dev.tusk.runtime.ha;

import dev.tusk.runtime.model.ClusterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The agents' timing, checked once when the configuration is loaded so that an unsafe combination never runs.
 *
 * <ul>
 *   <li>{@code leaseDuration}: how long another holder's lease must be observed unchanged before it is expired.</li>
 *   <li>{@code renewDeadline}: a primary that has not renewed within this time since the <em>send time</em> of its
 *       last successful renew stops Postgres at once (the agent and the fence keeper both enforce it).</li>
 *   <li>{@code retryPeriod}: one loop; the leader renews this often.</li>
 *   <li>{@code apiTimeout}: connect and request timeout of every Kubernetes API call.</li>
 * </ul>
 *
 * Invariants (each violation is reported naming the field, its value and the fix):
 * <ol>
 *   <li>{@code leaseDuration - renewDeadline >= 500 ms}: the fencing margin. A primary stops at its renew deadline,
 *       strictly before anyone may take the lease; the margin absorbs the fence itself (the keeper polls every
 *       20 ms; SIGQUIT ends the postmaster in milliseconds) and clock-rate differences between nodes.</li>
 *   <li>{@code renewDeadline > 1.2 x retryPeriod} (as CloudNativePG): more than one renew attempt per deadline.</li>
 *   <li>{@code apiTimeout <= retryPeriod}: one API call never outlasts a loop.</li>
 *   <li>{@code retryPeriod + 2 x apiTimeout <= renewDeadline}: a loop that starts one retry period after a renew and
 *       then needs a full read and a full write still finishes before the deadline (Patroni's
 *       {@code loop_wait + 2 x retry_timeout <= ttl}).</li>
 * </ol>
 */
public record HaTiming(long leaseDurationMillis, long renewDeadlineMillis, long retryPeriodMillis, long apiTimeoutMillis,
                       long primaryStartTimeoutMillis) {

    public static final long MINIMUM_FENCING_MARGIN_MILLIS = 500;
    public static final HaTiming DEFAULT = of(ClusterSpec.HaSpec.DEFAULT);

    public HaTiming {
        List<String> problems = problems(leaseDurationMillis, renewDeadlineMillis, retryPeriodMillis, apiTimeoutMillis,
                primaryStartTimeoutMillis);
        if (!problems.isEmpty()) {
            throw new InvalidTimingException(problems);
        }
    }

    /** Timing from the spec's {@code ha} section, defaults filled in; throws {@link InvalidTimingException}. */
    public static HaTiming of(ClusterSpec.HaSpec spec) {
        ClusterSpec.HaSpec ha = (spec == null ? ClusterSpec.HaSpec.DEFAULT : spec).withDefaults();
        return new HaTiming(ha.leaseDurationMillis(), ha.renewDeadlineMillis(), ha.retryPeriodMillis(),
                ha.apiTimeoutMillis(), ha.primaryStartTimeoutSeconds() * 1000L);
    }

    /** Every broken invariant, each as one sentence naming the field, the value and the fix; empty when valid. */
    public static List<String> problems(long lease, long renew, long retry, long api, long primaryStart) {
        List<String> problems = new ArrayList<>();
        positive(problems, "ha.leaseDurationMillis", lease);
        positive(problems, "ha.renewDeadlineMillis", renew);
        positive(problems, "ha.retryPeriodMillis", retry);
        positive(problems, "ha.apiTimeoutMillis", api);
        if (primaryStart <= 0) {
            problems.add("ha.primaryStartTimeoutSeconds = " + primaryStart / 1000
                    + " must be positive: it is how long a crashed primary may take to come back before it hands over.");
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        if (lease - renew < MINIMUM_FENCING_MARGIN_MILLIS) {
            problems.add("ha.renewDeadlineMillis = " + renew + " must be at least " + MINIMUM_FENCING_MARGIN_MILLIS
                    + " ms below ha.leaseDurationMillis = " + lease
                    + ": a primary must have stopped before another instance may take the lease."
                    + " Lower renewDeadlineMillis to " + (lease - MINIMUM_FENCING_MARGIN_MILLIS)
                    + " or raise leaseDurationMillis to " + (renew + MINIMUM_FENCING_MARGIN_MILLIS) + ".");
        }
        if (renew * 10 <= retry * 12) {
            problems.add("ha.renewDeadlineMillis = " + renew + " must be more than 1.2 x ha.retryPeriodMillis = "
                    + retry + ": the leader needs more than one renew attempt per deadline."
                    + " Raise renewDeadlineMillis or lower retryPeriodMillis.");
        }
        if (api > retry) {
            problems.add("ha.apiTimeoutMillis = " + api + " must not exceed ha.retryPeriodMillis = " + retry
                    + ": one API call must fit in one loop. Lower apiTimeoutMillis to " + retry + " or less.");
        }
        if (retry + 2 * api > renew) {
            problems.add("ha.retryPeriodMillis + 2 x ha.apiTimeoutMillis = " + (retry + 2 * api)
                    + " must not exceed ha.renewDeadlineMillis = " + renew
                    + ": a loop with one lease read and one lease write must finish before the renew deadline."
                    + " Raise renewDeadlineMillis to " + (retry + 2 * api) + " or lower the other two.");
        }
        return problems;
    }

    private static void positive(List<String> problems, String field, long value) {
        if (value <= 0) {
            problems.add(field + " = " + value + " must be positive.");
        }
    }

    public long leaseDurationNanos() {
        return leaseDurationMillis * 1_000_000L;
    }

    public long renewDeadlineNanos() {
        return renewDeadlineMillis * 1_000_000L;
    }

    public long retryPeriodNanos() {
        return retryPeriodMillis * 1_000_000L;
    }

    public long apiTimeoutNanos() {
        return apiTimeoutMillis * 1_000_000L;
    }

    public long primaryStartTimeoutNanos() {
        return primaryStartTimeoutMillis * 1_000_000L;
    }

    /** The fencing margin: leaseDuration - renewDeadline. */
    public long marginMillis() {
        return leaseDurationMillis - renewDeadlineMillis;
    }

    /** {@code leaseDurationSeconds} as the Lease object carries it (whole seconds, rounded up). */
    public int leaseDurationSeconds() {
        return (int) ((leaseDurationMillis + 999) / 1000);
    }

    /** Thrown when the timing breaks an invariant; the message lists every violation. */
    public static final class InvalidTimingException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidTimingException(List<String> problems) {
            super("unsafe HA timing: " + String.join(" ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}

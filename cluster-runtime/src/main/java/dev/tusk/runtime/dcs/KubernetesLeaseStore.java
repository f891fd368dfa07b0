package dev.tusk.runtime.dcs;

import dev.tusk.runtime.ha.ApiFailure;
import dev.tusk.runtime.ha.HaTiming;
import dev.tusk.runtime.ha.LeaseIntent;
import dev.tusk.runtime.ha.LeaseRecord;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The lease {@code <cluster>-leader} on the API server. Reads go to the API server, never to a cache. Every write is
 * an update carrying the resourceVersion of the record it replaces; after a 409 Conflict — or a write whose response
 * never came — the store re-reads and recognises a write of its own by the nonce it carried
 * ({@code tusk.dev/renew-id}): then the write happened and only its response was lost. It never retries blindly.
 *
 * <p>Times: {@link ReadResult.Ok#responseNanos()} is taken after the response arrived (the start of an observer's
 * expiry clock must not precede what it observed); {@link WriteResult.Written#sentNanos()} is taken before the
 * request was sent (the holder's deadline must not be later than the write that set it).
 */
public final class KubernetesLeaseStore {

    /** The calls the store makes; a seam so a test can lose a response after the write really happened. */
    public interface LeaseApi {
        Lease get();

        Lease update(Lease lease);

        Watch watch(Watcher<Lease> watcher);
    }

    public sealed interface ReadResult {
        record Ok(LeaseRecord record, long responseNanos) implements ReadResult {
        }

        /** The lease does not exist (the app creates it). */
        record Missing(long responseNanos) implements ReadResult {
        }

        record Failed(ApiFailure failure) implements ReadResult {
        }
    }

    public sealed interface WriteResult {
        /**
         * The write happened. {@code responseLost}: it was recognised on a re-read by its nonce.
         */
        record Written(LeaseRecord record, long sentNanos, boolean responseLost) implements WriteResult {
        }

        /** Someone else wrote first: our write did not happen; {@code current} is what the lease says now. */
        record Lost(LeaseRecord current, String why) implements WriteResult {
        }

        /** The write may or may not have happened and a re-read could not tell: treat as not written. */
        record Failed(ApiFailure failure) implements WriteResult {
        }
    }

    private record Attempt(String nonce, String holder, long sentNanos) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LeaseApi api;
    private final HaTiming timing;
    private final LongSupplier nanoTime;
    private final Clock wallClock;
    private final Map<String, Lease> rawByVersion = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Lease> eldest) {
            return size() > 8;
        }
    };
    private final Deque<Attempt> attempts = new ArrayDeque<>();

    public KubernetesLeaseStore(LeaseApi api, HaTiming timing, LongSupplier nanoTime, Clock wallClock) {
        this.api = api;
        this.timing = timing;
        this.nanoTime = nanoTime;
        this.wallClock = wallClock;
    }

    /** The store over the real API server. */
    public static KubernetesLeaseStore of(KubernetesClient client, String namespace, String leaseName, HaTiming timing) {
        return new KubernetesLeaseStore(fabric8(client, namespace, leaseName), timing, System::nanoTime,
                Clock.systemUTC());
    }

    public static LeaseApi fabric8(KubernetesClient client, String namespace, String leaseName) {
        var resource = client.leases().inNamespace(namespace).withName(leaseName);
        return new LeaseApi() {
            @Override
            public Lease get() {
                return resource.get();
            }

            @Override
            public Lease update(Lease lease) {
                if (lease.getMetadata().getResourceVersion() == null) {
                    throw new IllegalArgumentException("refusing an unconditional lease write (no resourceVersion)");
                }
                return client.leases().inNamespace(namespace).resource(lease).update();
            }

            @Override
            public Watch watch(Watcher<Lease> watcher) {
                return resource.watch(watcher);
            }
        };
    }

    /** Reads the lease from the API server. */
    public synchronized ReadResult read() {
        try {
            Lease lease = api.get();
            long response = nanoTime.getAsLong();
            if (lease == null) {
                return new ReadResult.Missing(response);
            }
            remember(lease);
            return new ReadResult.Ok(LeaseCodec.decode(lease), response);
        } catch (RuntimeException e) {
            ApiFailure failure = ApiErrors.classify(e);
            if (failure.kind() == ApiFailure.Kind.NOT_FOUND) {
                return new ReadResult.Missing(nanoTime.getAsLong());
            }
            return new ReadResult.Failed(failure);
        }
    }

    /**
     * Writes {@code intent} over {@code base}, conditional on base's resourceVersion. {@code base} must be a record
     * this store read or wrote (its raw object is kept to preserve labels and fields Tusk does not own).
     */
    public synchronized WriteResult write(LeaseIntent intent, LeaseRecord base) {
        Lease raw = rawByVersion.get(base.resourceVersion());
        if (raw == null) {
            ReadResult fresh = read();
            if (fresh instanceof ReadResult.Ok ok && ok.record().resourceVersion().equals(base.resourceVersion())) {
                raw = rawByVersion.get(base.resourceVersion());
            } else if (fresh instanceof ReadResult.Ok ok) {
                return new WriteResult.Lost(ok.record(), "the lease changed since it was read");
            } else if (fresh instanceof ReadResult.Failed f) {
                return new WriteResult.Failed(f.failure());
            } else {
                return new WriteResult.Failed(new ApiFailure(ApiFailure.Kind.NOT_FOUND, "the lease does not exist"));
            }
        }
        String nonce = HexFormat.of().formatHex(randomBytes());
        Lease desired = LeaseCodec.encode(raw, base, intent, nonce, wallClock.instant(), timing.leaseDurationSeconds());
        long sent = nanoTime.getAsLong();
        attempts.addLast(new Attempt(nonce, intent.kind() == LeaseIntent.Kind.RELEASE ? "" : intent.holder(), sent));
        while (attempts.size() > 8) {
            attempts.removeFirst();
        }
        try {
            Lease written = api.update(desired);
            remember(written);
            return new WriteResult.Written(LeaseCodec.decode(written), sent, false);
        } catch (RuntimeException e) {
            ApiFailure failure = ApiErrors.classify(e);
            if (failure.kind() != ApiFailure.Kind.CONFLICT && failure.kind() != ApiFailure.Kind.UNREACHABLE) {
                return new WriteResult.Failed(failure);
            }
            // never retry blindly: look at what the lease says now
            ReadResult now = read();
            if (now instanceof ReadResult.Ok ok) {
                String intended = intent.kind() == LeaseIntent.Kind.RELEASE ? "" : intent.holder();
                for (Attempt a : attempts) {
                    // only a landed attempt of the same kind of write counts (a landed release is no renew)
                    if (a.nonce().equals(ok.record().renewId()) && a.holder().equals(ok.record().holder())
                            && a.holder().equals(intended)) {
                        return new WriteResult.Written(ok.record(), a.sentNanos(), true);
                    }
                }
                if (failure.kind() == ApiFailure.Kind.CONFLICT) {
                    return new WriteResult.Lost(ok.record(), "someone else wrote the lease first (409 Conflict); it now"
                            + (ok.record().isHeld() ? " names " + ok.record().holder() : " is released"));
                }
            }
            return new WriteResult.Failed(failure);
        }
    }

    /** Watches the lease; {@code onChange} runs on every event (it should only wake the loop). */
    public Watch watch(Runnable onChange) {
        return api.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Lease resource) {
                onChange.run();
            }

            @Override
            public void onClose(WatcherException cause) {
                onChange.run();
            }
        });
    }

    private void remember(Lease lease) {
        rawByVersion.put(lease.getMetadata().getResourceVersion(), lease);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}

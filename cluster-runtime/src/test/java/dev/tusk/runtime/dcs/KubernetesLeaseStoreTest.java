package dev.tusk.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tusk.runtime.dcs.KubernetesLeaseStore.ReadResult;
import dev.tusk.runtime.dcs.KubernetesLeaseStore.WriteResult;
import dev.tusk.runtime.ha.ApiFailure;
import dev.tusk.runtime.ha.HaTiming;
import dev.tusk.runtime.ha.LeaseIntent;
import dev.tusk.runtime.ha.LeaseRecord;
import dev.tusk.runtime.ha.Lsn;
import dev.tusk.runtime.postgres.MemberAddress;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The lease, the primary EndpointSlice and the pod metadata on the testbed's real API server (tag e2e): conditional
 * writes, two agents racing, a write whose response is lost, and an API server that cannot be reached.
 */
@OnTestbed(namespacePerTest = true)
class KubernetesLeaseStoreTest {

    private static final HaTiming TIMING = HaTiming.DEFAULT;

    private static Lease createEmptyLease(TestNamespace ns) {
        return ns.client().leases().inNamespace(ns.name()).resource(new LeaseBuilder().withNewMetadata()
                .withName("hippo-leader").withLabels(Map.of("tusk.dev/cluster", "hippo")).endMetadata()
                .withNewSpec().endSpec().build()).create();
    }

    private static KubernetesLeaseStore store(TestNamespace ns) {
        return KubernetesLeaseStore.of(ns.client(), ns.name(), "hippo-leader", TIMING);
    }

    private static LeaseRecord read(KubernetesLeaseStore store) {
        return ((ReadResult.Ok) store.read()).record();
    }

    private static LeaseIntent acquire(String me) {
        return new LeaseIntent(LeaseIntent.Kind.ACQUIRE, me, 1, Lsn.parse("0/3000000"), List.of(), "7301", null,
                new LeaseRecord.HistoryEntry(null, me, "acquire", 1, "0/3000000", "test"));
    }

    @Test
    void a_renew_is_written_conditionally_and_carries_tusks_annotations_and_a_nonce(TestNamespace ns) {
        createEmptyLease(ns);
        KubernetesLeaseStore store = store(ns);
        LeaseRecord empty = read(store);
        assertThat(empty.isHeld()).isFalse();

        long before = System.nanoTime();
        WriteResult result = store.write(acquire("hippo-instance1-0-0"), empty);
        assertThat(result).isInstanceOf(WriteResult.Written.class);
        WriteResult.Written written = (WriteResult.Written) result;
        assertThat(written.sentNanos()).isBetween(before, System.nanoTime());
        assertThat(written.responseLost()).isFalse();

        Lease raw = ns.client().leases().inNamespace(ns.name()).withName("hippo-leader").get();
        assertThat(raw.getSpec().getHolderIdentity()).isEqualTo("hippo-instance1-0-0");
        assertThat(raw.getSpec().getLeaseDurationSeconds()).isEqualTo(TIMING.leaseDurationSeconds()).isEqualTo(4);
        assertThat(raw.getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(raw.getMetadata().getLabels()).containsEntry("tusk.dev/cluster", "hippo");
        assertThat(raw.getMetadata().getAnnotations())
                .containsEntry(LeaseCodec.TIMELINE, "1")
                .containsEntry(LeaseCodec.LAST_LSN, "0/3000000")
                .containsEntry(LeaseCodec.SYNC_STANDBYS, "[]")
                .containsEntry(LeaseCodec.SYSTEM_IDENTIFIER, "7301")
                .containsKey(LeaseCodec.RENEW_ID);
        LeaseRecord decoded = read(store);
        assertThat(decoded.history()).hasSize(1);
        assertThat(decoded.history().getFirst().time()).isNotBlank();
        assertThat(decoded.renewId()).isEqualTo(written.record().renewId());
    }

    @Test
    void two_agents_racing_for_the_same_version_exactly_one_wins_and_the_other_sees_the_winner(TestNamespace ns)
            throws Exception {
        createEmptyLease(ns);
        for (int round = 0; round < 5; round++) {
            KubernetesLeaseStore a = store(ns);
            KubernetesLeaseStore b = store(ns);
            LeaseRecord seenByA = read(a);
            LeaseRecord seenByB = read(b);
            assertThat(seenByA.resourceVersion()).isEqualTo(seenByB.resourceVersion());
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<WriteResult> fa = pool.submit(() -> {
                go.await();
                return a.write(acquire("pod-a"), seenByA);
            });
            Future<WriteResult> fb = pool.submit(() -> {
                go.await();
                return b.write(acquire("pod-b"), seenByB);
            });
            go.countDown();
            WriteResult ra = fa.get(10, TimeUnit.SECONDS);
            WriteResult rb = fb.get(10, TimeUnit.SECONDS);
            pool.shutdown();
            List<WriteResult> results = List.of(ra, rb);
            assertThat(results).filteredOn(r -> r instanceof WriteResult.Written).hasSize(1);
            assertThat(results).filteredOn(r -> r instanceof WriteResult.Lost).hasSize(1);
            String winner = ra instanceof WriteResult.Written ? "pod-a" : "pod-b";
            WriteResult.Lost lost = (WriteResult.Lost) (ra instanceof WriteResult.Lost ? ra : rb);
            assertThat(lost.current().holder()).isEqualTo(winner);
            assertThat(lost.why()).contains("409 Conflict", "names " + winner);
            assertThat(read(store(ns)).holder()).isEqualTo(winner);
        }
    }

    @Test
    void a_write_whose_response_is_lost_is_recognised_as_ours_on_the_re_read(TestNamespace ns) {
        createEmptyLease(ns);
        // a LeaseApi whose update really happens on the API server, after which the response is thrown away as if
        // the connection had dropped (the wrapper is the only part that is not real)
        KubernetesLeaseStore.LeaseApi real = KubernetesLeaseStore.fabric8(ns.client(), ns.name(), "hippo-leader");
        AtomicBoolean loseNext = new AtomicBoolean(true);
        KubernetesLeaseStore.LeaseApi losing = new KubernetesLeaseStore.LeaseApi() {
            @Override
            public Lease get() {
                return real.get();
            }

            @Override
            public Lease update(Lease lease) {
                Lease written = real.update(lease);
                if (loseNext.getAndSet(false)) {
                    throw new KubernetesClientException("simulated: connection reset after the request was sent",
                            new java.net.SocketException("Connection reset"));
                }
                return written;
            }

            @Override
            public Watch watch(Watcher<Lease> watcher) {
                return real.watch(watcher);
            }
        };
        KubernetesLeaseStore store = new KubernetesLeaseStore(losing, TIMING, System::nanoTime, Clock.systemUTC());
        LeaseRecord empty = read(store);
        long before = System.nanoTime();
        WriteResult result = store.write(acquire("pod-a"), empty);
        assertThat(result).isInstanceOfSatisfying(WriteResult.Written.class, w -> {
            assertThat(w.responseLost()).isTrue();
            assertThat(w.record().holder()).isEqualTo("pod-a");
            assertThat(w.sentNanos()).as("the deadline counts from the lost write's send time").isGreaterThanOrEqualTo(before);
        });

        // a conflict on a stale version whose earlier attempt in fact landed: the lease is ours as of that attempt
        LeaseRecord mine = read(store);
        loseNext.set(true);
        WriteResult.Written renew = (WriteResult.Written) store.write(LeaseIntent.renewAsIs("pod-a", mine), mine);
        WriteResult again = store.write(LeaseIntent.renewAsIs("pod-a", mine), mine);
        assertThat(again).isInstanceOfSatisfying(WriteResult.Written.class, w -> {
            assertThat(w.responseLost()).isTrue();
            assertThat(w.sentNanos()).isEqualTo(renew.sentNanos());
        });
        // and once another agent wrote in between, the stale write is lost and says to whom
        KubernetesLeaseStore other = store(ns);
        other.write(acquire("pod-b"), read(other));
        assertThat(store.write(LeaseIntent.renewAsIs("pod-a", mine), mine))
                .isInstanceOfSatisfying(WriteResult.Lost.class, l -> assertThat(l.current().holder()).isEqualTo("pod-b"));
    }

    @Test
    void an_unreachable_api_server_is_reported_as_unreachable_not_as_a_lost_lease(TestNamespace ns) {
        createEmptyLease(ns);
        var config = new io.fabric8.kubernetes.client.ConfigBuilder(ns.client().getConfiguration())
                .withMasterUrl("https://198.18.0.1:1").withConnectionTimeout(500).withRequestTimeout(500)
                .withRequestRetryBackoffLimit(0).build();
        try (var unreachable = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
            KubernetesLeaseStore store = KubernetesLeaseStore.of(unreachable, ns.name(), "hippo-leader", TIMING);
            long t0 = System.nanoTime();
            ReadResult r = store.read();
            assertThat(r).isInstanceOfSatisfying(ReadResult.Failed.class,
                    f -> assertThat(f.failure().kind()).isEqualTo(ApiFailure.Kind.UNREACHABLE));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(store(ns).read()).isInstanceOf(ReadResult.Ok.class);
        ns.client().leases().inNamespace(ns.name()).withName("hippo-leader").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> store(ns).read() instanceof ReadResult.Missing);
    }

    @Test
    void the_lease_watch_wakes_on_a_change(TestNamespace ns) {
        createEmptyLease(ns);
        KubernetesLeaseStore store = store(ns);
        AtomicInteger wakes = new AtomicInteger();
        Watch watch = store.watch(wakes::incrementAndGet);
        try {
            store.write(acquire("pod-a"), read(store));
            await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() > 0);
        } finally {
            watch.close();
        }
    }

    @Test
    void the_holder_routes_the_primary_endpoint_slice_to_its_own_address_alone(TestNamespace ns) {
        ns.client().discovery().v1().endpointSlices().inNamespace(ns.name()).resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("hippo-primary").withLabels(Map.of("kubernetes.io/service-name",
                        "hippo-primary")).endMetadata()
                .withAddressType("IPv4").addNewPort().withName("postgres").withPort(5432).withProtocol("TCP").endPort()
                .build()).create();
        PrimaryEndpoints endpoints = new PrimaryEndpoints(ns.client(), ns.name(), "hippo-primary");
        assertThat(endpoints.addresses()).isEmpty();
        assertThat(endpoints.routeTo("hippo-instance1-0-0", "198.18.0.21")).isTrue();
        assertThat(endpoints.routeTo("hippo-instance1-0-0", "198.18.0.21")).as("unchanged: no write").isFalse();
        assertThat(endpoints.routeTo("hippo-instance1-1-0", "198.18.0.22")).isTrue();
        assertThat(endpoints.addresses()).containsExactly("198.18.0.22");
        var slice = ns.client().discovery().v1().endpointSlices().inNamespace(ns.name()).withName("hippo-primary").get();
        assertThat(slice.getEndpoints().getFirst().getTargetRef().getName()).isEqualTo("hippo-instance1-1-0");
        assertThat(slice.getPorts().getFirst().getPort()).isEqualTo(5432);
    }

    @Test
    void members_are_the_spec_named_pods_with_an_address_and_the_role_label_is_patched(TestNamespace ns) {
        for (String name : List.of("hippo-instance1-0-0", "not-a-member")) {
            ns.client().pods().inNamespace(ns.name()).resource(new PodBuilder().withNewMetadata().withName(name)
                    .withLabels(Map.of("tusk.dev/cluster", "hippo")).endMetadata()
                    .withNewSpec().withNodeName("no-such-node").addNewContainer().withName("c").withImage("none")
                    .endContainer().endSpec().build())
                    .create();
        }
        AtomicInteger changes = new AtomicInteger();
        try (KubernetesMembers members = new KubernetesMembers(ns.client(), ns.name(), "hippo",
                List.of("hippo-instance1-0-0", "hippo-instance1-1-0"), 5432, 8008, changes::incrementAndGet)) {
            // pods without an IP (not scheduled) are no reachable members yet
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() >= 2);
            assertThat(members.members()).isEmpty();
            for (String name : List.of("hippo-instance1-0-0", "not-a-member")) {
                var p = ns.client().pods().inNamespace(ns.name()).withName(name).get();
                p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPodIP("198.18.0.99").build());
                ns.client().pods().inNamespace(ns.name()).resource(p).updateStatus();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !members.members().isEmpty());
            assertThat(members.members()).containsExactly(new MemberAddress("hippo-instance1-0-0", "198.18.0.99", 5432, 8008));
            PodMetadata pod = new PodMetadata(ns.client(), ns.name(), "hippo-instance1-0-0");
            pod.patch(Map.of("tusk.dev/role", "replica"), Map.of("tusk.dev/status", "{\"role\":\"replica\"}"));
            var patched = pod.read();
            assertThat(patched.getMetadata().getLabels()).containsEntry("tusk.dev/role", "replica");
            await().atMost(Duration.ofSeconds(10)).until(() -> members.annotations("hippo-instance1-0-0")
                    .containsKey("tusk.dev/status"));
            pod.patch(Map.of(), java.util.Collections.singletonMap("tusk.dev/status", null));
            assertThat(pod.read().getMetadata().getAnnotations()).doesNotContainKey("tusk.dev/status");
        }
    }
}

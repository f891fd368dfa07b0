package dev.tusk.runtime.ha;

import static dev.tusk.runtime.ha.Fixtures.MS;
import static dev.tusk.runtime.ha.Fixtures.S;
import static dev.tusk.runtime.ha.Fixtures.T0;
import static dev.tusk.runtime.ha.Fixtures.lease;
import static dev.tusk.runtime.ha.Fixtures.leader;
import static dev.tusk.runtime.ha.Fixtures.local;
import static dev.tusk.runtime.ha.Fixtures.peerStreaming;
import static dev.tusk.runtime.ha.Fixtures.primary;
import static dev.tusk.runtime.ha.Fixtures.primaryWith;
import static dev.tusk.runtime.ha.Fixtures.replica;
import static dev.tusk.runtime.ha.Fixtures.seen;
import static dev.tusk.runtime.ha.Fixtures.settings;
import static dev.tusk.runtime.ha.Fixtures.streaming;
import static dev.tusk.runtime.ha.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.api.ReasonClauses;
import dev.tusk.runtime.api.ReasonClauses.Clause;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue that lets the app show decision sentences in the user's language recognises, clause by clause, the
 * sentences the decider itself writes in the states a DBA looks at most: a leader leading, replicas streaming or
 * catching up, the synchronous set changing, a pause. Built from {@link HaDecider}'s output, so a reworded sentence
 * fails here instead of silently falling back to English in the app.
 */
class ReasonClausesTest {

    private static List<String> keys(Decision d) {
        List<Clause> clauses = ReasonClauses.of(d.reason());
        assertThat(clauses).as(d.reason()).noneMatch(Clause::verbatim);
        return clauses.stream().map(Clause::key).toList();
    }

    @Test
    void aLeaderLeadingRenewingAndHoldingIsReadClauseByClause() {
        var v = view(seen(lease("pg-0", "7"), T0), List.of());
        var self = local("pg-0", primary(1, "0/3000100"), leader(T0));
        assertThat(keys(HaDecider.decide(v, self, T0 + S))).containsExactly("leading", "renewing");
        Decision holding = HaDecider.decide(v, self, T0 + 200 * MS);
        assertThat(keys(holding)).containsExactly("leading", "leaseRenewed");
        assertThat(ReasonClauses.of(holding.reason()).get(1).args()).containsExactly("0.2");
    }

    @Test
    void theSynchronousSetAndItsChangesAreRead() {
        var v = view(seen(lease("pg-0", "7", 1, "0/3000000", List.of()), T0),
                List.of(peerStreaming("pg-1", 1, "0/3000000")), settings(ReplicationMode.REQUIRED_SYNC));
        var self = local("pg-0", primaryWith(1, "0/3000000", List.of(streaming("pg-1", "0/3000000", 1)), List.of()),
                leader(T0));
        Decision d = HaDecider.decide(v, self, T0 + 100 * MS);
        assertThat(keys(d)).startsWith("leading").containsAnyOf("addingSync", "publishingSync", "syncStandbys");
    }

    @Test
    void aReplicaStreamingOrWaitingToStreamIsRead() {
        var v = view(seen(lease("pg-1", "9", 2, "0/6000000", List.of()), T0), List.of());
        Decision streamingReplica = HaDecider.decide(v, local("pg-2", replica(2, "0/5FFFFF0", "pg-1", true),
                Fixtures.fresh()), T0 + 400 * MS);
        assertThat(keys(streamingReplica)).containsExactly("followingSteady", "streamingBehind");
        assertThat(ReasonClauses.of(streamingReplica.reason()).get(0).args()).containsExactly("pg-1", "0.4");
        Decision notYet = HaDecider.decide(v, local("pg-2", replica(2, "0/5FFFFF0", "pg-1", false),
                Fixtures.fresh()), T0 + 400 * MS);
        assertThat(keys(notYet)).containsExactly("following", "notStreamingYet");
    }

    @Test
    void aPausedLeaderIsRead() {
        var v = new ClusterView(seen(lease("pg-0", "7"), T0), List.of(), Fixtures.async(), true);
        assertThat(keys(HaDecider.decide(v, local("pg-0", primary(1, "0/3000000"), leader(T0)), T0 + 100 * MS)))
                .containsExactly("pausedLeader");
    }

    @Test
    void aNewClusterAndANewReplicaComingUpAreRead() {
        Decision race = HaDecider.decide(view(seen(Fixtures.neverHeld(), T0), List.of(Fixtures.peerEmpty("pg-1"))),
                local("pg-0", PostgresState.empty(), Fixtures.fresh()), T0);
        assertThat(keys(race)).containsExactly("nobodyBootstrappedFirst", "takingLeaseForInitdb");
        LeaseRecord mine = new LeaseRecord("pg-0", "2", null, null, 1, null, null, List.of(), null, null, "n",
                List.of());
        assertThat(keys(HaDecider.decide(view(seen(mine, T0), List.of()), local("pg-0", PostgresState.empty(),
                leader(T0)), T0 + 10 * MS))).containsExactly("holdingLeaseNeverInitialized", "runningInitdb");
        assertThat(keys(HaDecider.decide(view(seen(lease("pg-0", "5"), T0), List.of()), local("pg-2",
                PostgresState.empty(), Fixtures.fresh()), T0 + S))).containsExactly("dataDirEmpty", "cloningWithBasebackup");
        assertThat(keys(HaDecider.decide(view(seen(lease("pg-0", "5"), T0), List.of()), local("pg-2",
                Fixtures.stopped(DataDirectory.STANDBY, 1), Fixtures.fresh()), T0 + S)))
                .containsExactly("postgresStopped", "startingAsReplicaOf");
    }

    @Test
    void aLongActionAndTheLeaderRenewingMeanwhileAreRead() {
        var v = view(seen(lease("pg-0", "7"), T0), List.of());
        for (String description : List.of("initializing the cluster (initdb)", "promoting Postgres",
                "restarting Postgres in place", "switching over to pg-1")) {
            var self = local("pg-0", primary(1, "0/3000000"),
                    leader(T0).withAction(new AgentMemory.Action("x", description, T0)));
            assertThat(keys(HaDecider.decide(v, self, T0 + 100 * MS))).hasSize(1).allMatch(k -> k.startsWith("busy"));
            assertThat(keys(HaDecider.decide(v, self, T0 + S))).hasSize(1).allMatch(k -> k.startsWith("renewingWhile"));
        }
        for (String description : List.of("cloning pg-0", "starting Postgres as a replica of pg-0",
                "starting Postgres as a replica", "rewinding from pg-0")) {
            var self = local("pg-2", PostgresState.empty(),
                    Fixtures.fresh().withAction(new AgentMemory.Action("x", description, T0)));
            assertThat(keys(HaDecider.decide(v, self, T0 + 1500 * MS))).hasSize(1).allMatch(k -> k.startsWith("busy"));
        }
    }

    @Test
    void aFailoverAndAHandoverAreRead() {
        LeaseRecord expired = lease("pg-0", "7");
        var v = view(seen(expired, T0), List.of(Fixtures.peerDown("pg-0"), Fixtures.peerReplica("pg-2", 1, "0/2FFFF00")));
        Decision failover = HaDecider.decide(v, local("pg-1", replica(1, "0/3000000", "pg-0", false),
                Fixtures.fresh()), T0 + 6 * S);
        assertThat(keys(failover)).containsExactly("leaseExpired", "rankFirst", "takingIt");
        Decision handover = HaDecider.decide(view(seen(Fixtures.released("20", "pg-2"), T0), List.of()),
                local("pg-2", replica(1, "0/3000000", "pg-0", false), Fixtures.fresh()), T0);
        assertThat(keys(handover)).containsExactly("handedOverToMe", "takingIt");
        LeaseRecord mineOnTimeline1 = lease("pg-1", "9", 1, "0/3000000", List.of());
        Decision promote = HaDecider.decide(view(seen(mineOnTimeline1, T0), List.of()), local("pg-1",
                replica(1, "0/3000000", "pg-0", false), leader(T0)), T0 + 100 * MS);
        assertThat(keys(promote)).containsExactly("holdingLeaseAsReplica", "promoting");
    }

    @Test
    void anUnknownClauseStaysAsTheAgentWroteItAndTheOthersAreStillRead() {
        List<Clause> clauses = ReasonClauses.of("leading on timeline 3; something new happened");
        assertThat(clauses.get(0).key()).isEqualTo("leading");
        assertThat(clauses.get(0).args()).containsExactly("3");
        assertThat(clauses.get(1).verbatim()).isTrue();
        assertThat(clauses.get(1).text()).isEqualTo("something new happened");
        assertThat(ReasonClauses.of(null)).isEmpty();
        // a parenthesis may hold a "; " of its own: it stays inside its clause
        List<Clause> ranked = ReasonClauses.of("the lease was released; pg-0 ranks ahead of me (received 0/3000000,"
                + " replayed 0/3000000; mine 0/2000000, 0/2000000)");
        assertThat(ranked).hasSize(2);
        assertThat(ranked.get(0).key()).isEqualTo("leaseReleased");
        assertThat(ranked.get(1).text()).endsWith("; mine 0/2000000, 0/2000000)");
    }
}

package dev.tusk.app.logic.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.model.Message;
import dev.tusk.runtime.api.ReasonClauses;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * An agent's decision sentence is shown in the user's language clause by clause; the English window shows the
 * agent's own words unchanged, and a clause the catalogue does not know stays as the agent wrote it.
 */
class DecisionTextsTest {

    /** One sentence per clause form, as the agent writes them (HaDecider; ReasonClausesTest holds that side). */
    private static final List<String> SENTENCES = List.of(
            "leading on timeline 2; synchronous standbys pg-0, pg-2; lease renewed 0.0 s ago",
            "leading on timeline 3; routing the primary Service to me; adding pg-1 to synchronous_standby_names;"
                    + " publishing pg-1 as synchronous (flushed every commit); creating replication slots pg_1, pg_2;"
                    + " dropping slots of members that are gone: pg_9; renewing the lease",
            "leading on timeline 1; unpublishing pg-2 (not streaming), then removing from synchronous_standby_names;"
                    + " no healthy standby: commits wait (required-sync)",
            "following pg-1 (lease unchanged for 0.4 s); streaming, 16 bytes behind its last published position",
            "following pg-1; not streaming yet (for 1.2 s)",
            "following the leader pg-1 instead of pg-0",
            "following the leader pg-1",
            "the lease was released; I rank first among 1 eligible member (received 0/3000000); taking it",
            "waiting for pg-0 to finish bootstrapping the cluster before cloning it",
            "bootstrapped the cluster (system identifier 7301234567890123456, timeline 1); publishing it with the lease",
            "promoted to timeline 2; publishing it with the lease and routing the primary Service to me",
            "paused (maintenance): holding the lease (renewed 1.0 s ago), changing nothing",
            "paused (maintenance): keeping the lease, changing nothing else",
            "paused (maintenance): changing nothing; Postgres is stopped",
            "paused (maintenance): changing nothing; Postgres runs as a replica of pg-0",
            "paused (maintenance): changing nothing; Postgres runs as a replica",
            "paused (maintenance): changing nothing; Postgres runs as primary",
            "the lease does not exist; Tusk creates it with the cluster \u2014 waiting for it",
            "no one has bootstrapped the cluster yet and I come first among 3 members with an empty data directory;"
                    + " taking the lease to run initdb",
            "no one has bootstrapped the cluster yet and I come first among 1 member with an empty data directory",
            "I hold the lease of a cluster that was never initialized; running initdb",
            "my data directory is empty; cloning pg-0 with pg_basebackup",
            "Postgres is stopped; starting it as a replica of pg-0",
            "initializing the cluster (initdb) (running for 1.2 s)",
            "cloning pg-0 (running for 3.4 s)",
            "starting Postgres as a replica of pg-0 (running for 0.5 s)",
            "starting Postgres as a replica (running for 0.5 s)",
            "promoting Postgres (running for 0.2 s)",
            "restarting Postgres in place (running for 0.7 s)",
            "rewinding from pg-1 (running for 2.0 s)",
            "switching over to pg-2 (running for 0.9 s)",
            "renewing the lease while initializing the cluster (initdb) runs",
            "renewing the lease while promoting Postgres runs",
            "renewing the lease while restarting Postgres in place runs",
            "renewing the lease while switching over to pg-2 runs",
            "the lease of pg-0 expired (unchanged for 6.0 s on my clock, lease duration 4.0 s); I rank first among 2"
                    + " eligible members (received 0/3000000); taking it",
            "the lease was handed over to pg-2 (switchover); taking it",
            "I hold the lease and Postgres is a replica; stopping its WAL receiver and promoting it");

    @Test
    void everyClauseTheCatalogueKnowsHasATextInEveryLanguageAndTheSamplesCoverThemAll() {
        Set<String> covered = new TreeSet<>();
        for (String s : SENTENCES) {
            for (ReasonClauses.Clause c : ReasonClauses.of(s)) {
                assertThat(c.verbatim()).as("clause \"%s\" of a sample", c.text()).isFalse();
                covered.add(c.key());
            }
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(ReasonClauses.keys());
        for (Locale locale : Messages.SUPPORTED) {
            Messages messages = Messages.forLocale(locale);
            for (String key : ReasonClauses.keys()) {
                assertThat(messages.bundle().containsKey("agent.clause." + key)).as(locale + " " + key).isTrue();
            }
        }
    }

    @Test
    void theEnglishWindowShowsTheAgentsOwnWords() {
        Messages english = Messages.english();
        for (String s : SENTENCES) {
            assertThat(english.decision(s)).isEqualTo(s);
        }
    }

    @Test
    void theJapaneseWindowShowsALeaderAReplicaAndAFailoverInJapanese() {
        Messages ja = Messages.forLocale(Locale.JAPANESE);
        assertThat(ja.decision(SENTENCES.get(0)))
                .isEqualTo("タイムライン 2 でリーダーとして稼働中。同期スタンバイは pg-0, pg-2。リースは 0.0 秒前に更新済み");
        assertThat(ja.decision(SENTENCES.get(3)))
                .isEqualTo("pg-1 に追従中(リースは 0.4 秒間変化なし)。ストリーミング中、最後に公開された位置から 16 バイト遅れ");
        String failover = SENTENCES.stream().filter(s -> s.startsWith("the lease of pg-0 expired")).findFirst()
                .orElseThrow();
        assertThat(ja.decision(failover)).isEqualTo("pg-0 のリースが期限切れ(自分の時計で 6.0 秒間変化なし、"
                + "リース期間 4.0 秒)。候補 2 台の中で自分が最上位です(受信済み 0/3000000)。リースを取得します");
        for (String s : SENTENCES) {
            assertThat(ja.decision(s)).as(s).doesNotContain("leading", "following", "lease", "paused", "Postgres runs",
                    "running for", "taking", "cloning");
        }
    }

    @Test
    void aProgressLineQuotingAnAgentShowsItsSentenceInTheReadersLanguage() {
        Message line = Message.of("op.pod.agentSays", "pg-1", Message.decision(SENTENCES.get(4)));
        assertThat(Messages.english().text(line)).isEqualTo("Agent of pg-1: " + SENTENCES.get(4));
        assertThat(Messages.forLocale(Locale.JAPANESE).text(line))
                .isEqualTo("pg-1 のエージェント: pg-1 に追従中。まだストリーミングしていません(1.2 秒間)");
    }

    @Test
    void aClauseTheCatalogueDoesNotKnowStaysAsTheAgentWroteIt() {
        Messages ja = Messages.forLocale(Locale.JAPANESE);
        // the agent's own "; " next to a clause kept in English, this language's joiner between translated ones
        assertThat(ja.decision("leading on timeline 4; pg_rewind from pg-1 failed; renewing the lease"))
                .isEqualTo("タイムライン 4 でリーダーとして稼働中; pg_rewind from pg-1 failed; リースを更新中");
        assertThat(ja.decision("leading on timeline 4; renewing the lease"))
                .isEqualTo("タイムライン 4 でリーダーとして稼働中。リースを更新中");
        assertThat(ja.decision(null)).isNull();
        assertThat(ja.decision("")).isEmpty();
    }
}

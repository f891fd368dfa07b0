package dev.tusk.runtime.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** After a fault has healed: which acknowledged writes the final primary lost. */
public final class LossChecker {

    private LossChecker() {
    }

    /** Pure comparison of what was acknowledged with what is there. */
    public static LossReport compare(Collection<Long> acknowledged, Collection<Long> present) {
        Set<Long> presentSet = new HashSet<>(present);
        Set<Long> ackedSet = new HashSet<>(acknowledged);
        List<Long> lost = new ArrayList<>(new TreeSet<>(ackedSet.stream().filter(id -> !presentSet.contains(id)).toList()));
        List<Long> inDoubt = new ArrayList<>(new TreeSet<>(presentSet.stream().filter(id -> !ackedSet.contains(id)).toList()));
        return new LossReport(ackedSet.size(), lost, inDoubt);
    }

    /** Reads the round's ids from the (final) primary and compares them with the acknowledged commits. */
    public static LossReport check(PgEndpoint primary, int round, List<Commit> acknowledged) throws SQLException {
        return compare(acknowledged.stream().map(Commit::id).toList(), idsOn(primary, round));
    }

    public static List<Long> idsOn(PgEndpoint server, int round) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = server.connect(Duration.ofSeconds(10), "tusk-chaos-loss-check");
             PreparedStatement ps = c.prepareStatement("SELECT id FROM " + Workload.TABLE + " WHERE round = ?")) {
            ps.setInt(1, round);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}

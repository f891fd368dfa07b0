package dev.tusk.runtime.dcs;

import dev.tusk.runtime.postgres.MemberAddress;
import java.util.ArrayList;
import java.util.List;

/** A fixed member list, for agents running as host processes: {@code name=host:pgPort:apiPort,…}. */
public final class StaticMembers implements MemberDirectory {

    private final List<MemberAddress> members;

    public StaticMembers(List<MemberAddress> members) {
        this.members = List.copyOf(members);
    }

    /** Parses {@code pg-0=127.0.0.1:5433:8009,pg-1=127.0.0.1:5434:8010}; the message names the bad entry. */
    public static StaticMembers parse(String text) {
        List<MemberAddress> out = new ArrayList<>();
        for (String entry : text.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            String[] nameAndRest = e.split("=", 2);
            String[] parts = nameAndRest.length == 2 ? nameAndRest[1].split(":") : new String[0];
            if (parts.length != 3) {
                throw new IllegalArgumentException("TUSK_MEMBERS entry '" + e
                        + "' is not name=host:postgresPort:apiPort (for example pg-0=127.0.0.1:5433:8009)");
            }
            try {
                out.add(new MemberAddress(nameAndRest[0].trim(), parts[0], Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2])));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("TUSK_MEMBERS entry '" + e + "' has a port that is not a number");
            }
        }
        return new StaticMembers(out);
    }

    @Override
    public List<MemberAddress> members() {
        return members;
    }
}

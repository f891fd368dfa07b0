package dev.tusk.runtime.dcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.runtime.ha.LeaseIntent;
import dev.tusk.runtime.ha.LeaseRecord;
import dev.tusk.runtime.ha.LeaseRecord.HistoryEntry;
import dev.tusk.runtime.ha.Lsn;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Lease object ↔ {@link LeaseRecord}: Tusk's annotations, written only together with the lease. */
public final class LeaseCodec {

    public static final String TIMELINE = "tusk.dev/timeline";
    public static final String LAST_LSN = "tusk.dev/last-lsn";
    public static final String SYNC_STANDBYS = "tusk.dev/sync-standbys";
    public static final String SYSTEM_IDENTIFIER = "tusk.dev/system-identifier";
    public static final String HANDOVER_TO = "tusk.dev/handover-to";
    public static final String RENEW_ID = "tusk.dev/renew-id";
    public static final String HISTORY = "tusk.dev/history";

    /** Kubernetes MicroTime: RFC 3339 with microseconds. */
    static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private LeaseCodec() {
    }

    public static LeaseRecord decode(Lease lease) {
        Map<String, String> a = lease.getMetadata().getAnnotations() == null ? Map.of()
                : lease.getMetadata().getAnnotations();
        var spec = lease.getSpec();
        String holder = spec == null || spec.getHolderIdentity() == null ? "" : spec.getHolderIdentity();
        return new LeaseRecord(holder, lease.getMetadata().getResourceVersion(),
                spec == null || spec.getRenewTime() == null ? null : MICRO_TIME.format(spec.getRenewTime()),
                spec == null || spec.getAcquireTime() == null ? null : MICRO_TIME.format(spec.getAcquireTime()),
                spec == null || spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions(),
                parseInteger(a.get(TIMELINE)), parseLsn(a.get(LAST_LSN)), parseList(a.get(SYNC_STANDBYS)),
                blankToNull(a.get(SYSTEM_IDENTIFIER)), blankToNull(a.get(HANDOVER_TO)), blankToNull(a.get(RENEW_ID)),
                parseHistory(a.get(HISTORY)));
    }

    /**
     * The Lease to write over {@code base} (same metadata, labels and resourceVersion) so that it says what
     * {@code intent} means.
     */
    public static Lease encode(Lease base, LeaseRecord baseRecord, LeaseIntent intent, String renewId, Instant now,
                               int leaseDurationSeconds) {
        String nowText = MICRO_TIME.format(now);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (base.getMetadata().getAnnotations() != null) {
            annotations.putAll(base.getMetadata().getAnnotations());
        }
        put(annotations, TIMELINE, intent.timeline() == null ? null : intent.timeline().toString());
        put(annotations, LAST_LSN, intent.lastLsn() == null ? null : intent.lastLsn().toString());
        put(annotations, SYNC_STANDBYS, json(intent.syncStandbys()));
        put(annotations, SYSTEM_IDENTIFIER, intent.systemIdentifier());
        put(annotations, HANDOVER_TO, intent.handoverTo());
        put(annotations, RENEW_ID, renewId);
        if (intent.historyEntry() != null) {
            List<HistoryEntry> history = new ArrayList<>(baseRecord.history());
            HistoryEntry e = intent.historyEntry();
            history.add(new HistoryEntry(nowText, e.member(), e.event(), e.timeline(), e.lsn(), e.reason()));
            while (history.size() > LeaseRecord.HISTORY_LIMIT) {
                history.removeFirst();
            }
            put(annotations, HISTORY, json(history));
        }
        boolean release = intent.kind() == LeaseIntent.Kind.RELEASE;
        boolean acquire = intent.kind() == LeaseIntent.Kind.ACQUIRE;
        var spec = base.getSpec();
        int transitions = spec == null || spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
        java.time.ZonedDateTime acquireTime = spec == null ? null : spec.getAcquireTime();
        java.time.ZonedDateTime nowZoned = now.atZone(ZoneOffset.UTC);
        return new LeaseBuilder(base)
                .withMetadata(new ObjectMetaBuilder(base.getMetadata()).withAnnotations(annotations).build())
                .editOrNewSpec()
                .withHolderIdentity(release ? null : intent.holder())
                .withLeaseDurationSeconds(release ? 1 : leaseDurationSeconds)
                .withRenewTime(nowZoned)
                .withAcquireTime(acquire ? nowZoned : acquireTime)
                .withLeaseTransitions(acquire && !baseRecord.isHeldBy(intent.holder()) ? transitions + 1 : transitions)
                .endSpec()
                .build();
    }

    private static void put(Map<String, String> annotations, String key, String value) {
        if (value == null) {
            annotations.remove(key);
        } else {
            annotations.put(key, value);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> parseList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static List<HistoryEntry> parseHistory(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<List<HistoryEntry>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static Integer parseInteger(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Lsn parseLsn(String text) {
        try {
            return Lsn.parseOrNull(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}

package dev.tusk.app.model;

import java.time.Instant;

/**
 * A Kubernetes Event about one of a cluster's objects (its pods, StatefulSets, claims, Services, Lease…), as the
 * cluster view lists them, newest first.
 *
 * @param time    when it last happened ({@code lastTimestamp}, else {@code eventTime}, else creation), or {@code null}
 * @param type    {@code Normal} or {@code Warning}
 * @param reason  the short reason, e.g. {@code Scheduled}, {@code FailedMount}, {@code Promoted}
 * @param object  {@code Kind/name} of the object it is about
 * @param message the message (passed through redaction: no credentials)
 * @param count   how many times it happened
 * @param source  who reported it (component, e.g. {@code kubelet}, {@code tusk-agent})
 */
public record ClusterEvent(Instant time, String type, String reason, String object, String message, int count,
                           String source) {

    public boolean warning() {
        return "Warning".equals(type);
    }
}

package dev.tusk.app.model;

import dev.tusk.runtime.model.ClusterSpec;
import java.util.List;
import java.util.Optional;

/**
 * One Tusk cluster in a namespace, as the list shows it: what its ConfigMap says and what its pods do.
 *
 * @param name        the cluster's name
 * @param namespace   its namespace
 * @param spec        the spec read from the ConfigMap, or {@code null} when there is no ConfigMap or it is unreadable
 * @param specProblem why the spec could not be read, or {@code null}
 * @param paused      the ConfigMap's {@code tusk.dev/paused} annotation is {@code "true"}: agents are in maintenance
 * @param instances   expected and running instances, by pod name
 */
public record ClusterSummary(String name, String namespace, ClusterSpec spec, Problem specProblem, boolean paused,
                             List<InstanceSummary> instances) {

    public ClusterSummary {
        instances = List.copyOf(instances);
    }

    /** Pods carry this cluster's label but no cluster ConfigMap exists (deleted by hand, or never created). */
    public boolean configMissing() {
        return spec == null && specProblem == null;
    }

    public int readyCount() {
        return (int) instances.stream().filter(InstanceSummary::ready).count();
    }

    public int totalCount() {
        return instances.size();
    }

    /** The instance whose agent labels itself primary; the first one if, briefly, several do. */
    public Optional<InstanceSummary> primary() {
        return instances.stream().filter(i -> i.role() == Role.PRIMARY).findFirst();
    }

    /** More than one instance labels itself primary (a transient state during failover; worth a warning). */
    public boolean severalPrimaries() {
        return instances.stream().filter(i -> i.role() == Role.PRIMARY).count() > 1;
    }

    /** The PostgreSQL major version the spec asks for, or {@code null}. */
    public Integer postgresVersion() {
        return spec == null || spec.postgres() == null ? null : spec.postgres().version();
    }
}

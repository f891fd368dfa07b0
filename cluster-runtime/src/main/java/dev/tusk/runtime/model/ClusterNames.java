package dev.tusk.runtime.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The name of every object Tusk owns for one cluster. The single source of these names: the renderer, the agent,
 * the app and the validator (which checks their lengths) all ask here.
 */
public final class ClusterNames {

    private final String cluster;

    public ClusterNames(String cluster) {
        this.cluster = cluster;
    }

    public static ClusterNames of(ClusterSpec spec) {
        return new ClusterNames(spec.name());
    }

    public String cluster() {
        return cluster;
    }

    /** ConfigMap holding {@code spec.yaml}; how every Tusk user who can read the namespace finds the cluster. */
    public String configMap() {
        return cluster + "-config";
    }

    /** coordination.k8s.io/v1 Lease whose holder is the primary. */
    public String lease() {
        return cluster + "-leader";
    }

    /** Read-write Service; no selector: the lease holder writes its own address into the EndpointSlice below. */
    public String primaryService() {
        return cluster + "-primary";
    }

    /** The EndpointSlice of the primary Service, written only by the lease holder. */
    public String primaryEndpointSlice() {
        return cluster + "-primary";
    }

    /** Read-only Service over ready replicas. */
    public String replicasService() {
        return cluster + "-replicas";
    }

    /** Headless Service giving every instance pod a stable DNS name. */
    public String podsService() {
        return cluster + "-pods";
    }

    public String superuserSecret() {
        return cluster + "-superuser";
    }

    public String replicationSecret() {
        return cluster + "-replication";
    }

    /** CA certificate, server certificate and key (keys ca.crt, tls.crt, tls.key), unless the user brings one. */
    public String tlsSecret() {
        return cluster + "-tls";
    }

    /** Bearer token that authorises mutating calls (switchover, restart) on the agents' REST API. */
    public String agentApiSecret() {
        return cluster + "-agent-api";
    }

    public String userSecret(String user) {
        return cluster + "-pguser-" + user;
    }

    public String serviceAccount() {
        return cluster + "-agent";
    }

    public String role() {
        return cluster + "-agent";
    }

    public String roleBinding() {
        return cluster + "-agent";
    }

    public String podDisruptionBudget(String instanceSet) {
        return cluster + "-" + instanceSet;
    }

    /** StatefulSet (replicas: 1) of one instance; also the instance's name. */
    public String instance(String instanceSet, int ordinal) {
        return cluster + "-" + instanceSet + "-" + ordinal;
    }

    /** The single pod of an instance's StatefulSet; its name is the member's identity in the lease. */
    public String pod(String instanceSet, int ordinal) {
        return instance(instanceSet, ordinal) + "-0";
    }

    /** The data PVC of an instance, as the StatefulSet's volumeClaimTemplate {@code pgdata} names it. */
    public String dataClaim(String instanceSet, int ordinal) {
        return "pgdata-" + pod(instanceSet, ordinal);
    }

    public String backupCronJob(String repository, String type) {
        return cluster + "-" + repository + "-" + type;
    }

    /** Every instance name the spec asks for, in set order then ordinal order. */
    public List<String> instances(ClusterSpec spec) {
        List<String> names = new ArrayList<>();
        for (ClusterSpec.InstanceSetSpec set : spec.instanceSets()) {
            int replicas = set.replicas() == null ? 0 : set.replicas();
            for (int i = 0; i < replicas; i++) {
                names.add(instance(set.name(), i));
            }
        }
        return names;
    }

    /** Every pod name the spec asks for (the agents' member identities). */
    public List<String> pods(ClusterSpec spec) {
        return instances(spec).stream().map(i -> i + "-0").toList();
    }

    /** PostgreSQL replication slot of a member: its pod name in the characters slot names allow. */
    public static String slotName(String podName) {
        return podName.replace('-', '_');
    }
}

package dev.tusk.app.logic.apply;

import dev.tusk.app.logic.apply.ApplyStep.Outcome;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.render.ClusterRenderer;
import dev.tusk.runtime.render.RenderedObject;
import dev.tusk.runtime.render.RenderedObject.Policy;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a cluster spec: validate → render with the credentials already stored (new ones only where missing) →
 * optionally a server-side dry run of every object → server-side apply under one field manager ({@code tusk}),
 * forcing conflicts; create-only objects (the Lease, the primary EndpointSlice) are created when absent and never
 * written again. Applying the same spec twice changes nothing.
 *
 * <p>Objects that exist but are not this cluster's (wrong labels) are never taken over: the apply stops before
 * writing anything. When creating a new cluster fails part-way, everything this run created is deleted again
 * (data volumes of instances it created included), so nothing half-made is left. When changing an existing
 * cluster fails, nothing is deleted: the steps say what was applied.
 *
 * <p>After a successful apply, the cluster's backup CronJobs and PodDisruptionBudgets that the spec no longer asks
 * for are deleted (a removed schedule must stop running). Instances the spec no longer names are left running:
 * removing one safely needs a switchover first, which is the scale operation's work, not an apply's.
 */
public final class ClusterApplier {

    public static final String FIELD_MANAGER = "tusk";

    private final KubernetesClient client;
    private final ClusterCredentialsStore credentials;

    public ClusterApplier(KubernetesClient client, CredentialFactory factory) {
        this.client = client;
        this.credentials = new ClusterCredentialsStore(client, factory);
    }

    /** @param dryRunFirst send every object as a server-side dry run before writing any */
    public record Options(boolean dryRunFirst) {
        public static final Options DEFAULT = new Options(true);
    }

    /**
     * @throws dev.tusk.runtime.model.InvalidSpecException when the spec is invalid (nothing sent to Kubernetes)
     * @throws ApplyException                              when Kubernetes refused something; its steps say what happened
     */
    public ApplyResult apply(ClusterSpec given, Options options, ApplyListener listener) {
        ClusterSpec spec = SpecValidator.requireValid(given);
        Run run = new Run(spec, listener);
        run.preflight();
        ClusterCredentialsStore.Loaded loaded;
        try {
            loaded = credentials.loadOrCreate(spec);
        } catch (KubernetesClientException e) {
            throw new ApplyException(ApiErrors.explain(e, "read", "the Secrets of cluster " + spec.name(), spec.namespace())
                    + " Nothing was changed.", List.of(), e, "Secret", ApplyException.Aftermath.NOTHING_CHANGED, List.of(), 0);
        }
        List<RenderedObject> objects = ClusterRenderer.render(spec, loaded.credentials());
        run.checkOwnership(objects);
        if (options.dryRunFirst()) {
            run.dryRun(objects);
        }
        run.apply(objects);
        run.prune(objects);
        return new ApplyResult(run.newCluster, run.steps, loaded.generated());
    }

    /** One apply: what existed before, what this run created, every step. */
    private final class Run {
        private final ClusterSpec spec;
        private final ApplyListener listener;
        private final String namespace;
        private final List<ApplyStep> steps = new ArrayList<>();
        private final Map<String, String> versionsBefore = new HashMap<>();
        private final List<HasMetadata> createdHere = new ArrayList<>();
        private Set<String> claimsBefore = Set.of();
        private boolean newCluster;

        Run(ClusterSpec spec, ApplyListener listener) {
            this.spec = spec;
            this.listener = listener;
            this.namespace = spec.namespace();
        }

        void preflight() {
            String configMap = ClusterNames.of(spec).configMap();
            try {
                newCluster = client.configMaps().inNamespace(namespace).withName(configMap).get() == null;
                claimsBefore = dataClaims();
            } catch (KubernetesClientException e) {
                throw new ApplyException(ApiErrors.explain(e, "read", "ConfigMap/" + configMap, namespace), steps, e,
                        "ConfigMap/" + configMap, ApplyException.Aftermath.NOTHING_CHANGED, List.of(), 0);
            }
        }

        Set<String> dataClaims() {
            return client.persistentVolumeClaims().inNamespace(namespace).withLabel(Labels.CLUSTER, spec.name()).list()
                    .getItems().stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        }

        /** Reads every object once: remembers resourceVersions, refuses to take over objects that are not this cluster's. */
        void checkOwnership(List<RenderedObject> objects) {
            List<String> foreign = new ArrayList<>();
            for (RenderedObject rendered : objects) {
                HasMetadata current;
                try {
                    current = client.resource(rendered.object()).get();
                } catch (KubernetesClientException e) {
                    throw fail(e, "read", rendered, false);
                }
                if (current != null) {
                    Map<String, String> labels = current.getMetadata().getLabels() == null ? Map.of() : current.getMetadata().getLabels();
                    if (!Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY)) || !spec.name().equals(labels.get(Labels.CLUSTER))) {
                        foreign.add(rendered.describe());
                    }
                    versionsBefore.put(rendered.describe(), current.getMetadata().getResourceVersion());
                }
            }
            if (!foreign.isEmpty()) {
                throw new ApplyException("Tusk will not take over objects that are not part of cluster " + spec.name() + ": "
                        + String.join(", ", foreign) + " already exist in namespace " + namespace
                        + " without the labels " + Labels.MANAGED_BY + "=tusk and " + Labels.CLUSTER + "=" + spec.name()
                        + ". Choose another cluster name, or remove those objects. Nothing was changed.", steps, null,
                        null, ApplyException.Aftermath.FOREIGN_OBJECTS, foreign, 0);
            }
        }

        void dryRun(List<RenderedObject> objects) {
            for (RenderedObject rendered : objects) {
                try {
                    if (rendered.policy() == Policy.APPLY) {
                        client.resource(rendered.object()).dryRun().fieldValidation(Validation.STRICT)
                                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                    } else if (!versionsBefore.containsKey(rendered.describe())) {
                        client.resource(rendered.object()).dryRun().fieldValidation(Validation.STRICT).create();
                    }
                } catch (KubernetesClientException e) {
                    throw fail(e, rendered.policy() == Policy.APPLY ? "apply" : "create", rendered, false);
                }
                record(ApplyStep.of(rendered.describe(), Outcome.CHECKED));
            }
        }

        void apply(List<RenderedObject> objects) {
            for (RenderedObject rendered : objects) {
                String name = rendered.describe();
                boolean existed = versionsBefore.containsKey(name);
                try {
                    if (rendered.policy() == Policy.CREATE_ONLY) {
                        createIfAbsent(rendered, existed);
                        continue;
                    }
                    // Read again right before writing: a controller may have written status since the pre-flight.
                    HasMetadata current = existed ? client.resource(rendered.object()).get() : null;
                    String versionBefore = current == null ? null : current.getMetadata().getResourceVersion();
                    HasMetadata applied = client.resource(rendered.object()).fieldManager(FIELD_MANAGER).forceConflicts()
                            .serverSideApply();
                    if (current == null) {
                        createdHere.add(rendered.object());
                        record(ApplyStep.of(name, Outcome.CREATED));
                    } else if (applied.getMetadata().getResourceVersion().equals(versionBefore)) {
                        record(ApplyStep.of(name, Outcome.UNCHANGED));
                    } else {
                        record(ApplyStep.of(name, Outcome.CONFIGURED));
                    }
                } catch (KubernetesClientException e) {
                    throw fail(e, rendered.policy() == Policy.APPLY ? "apply" : "create", rendered, true);
                }
            }
        }

        /** Deletes this cluster's CronJobs and PodDisruptionBudgets that the rendered objects no longer include. */
        void prune(List<RenderedObject> objects) {
            Set<String> rendered = objects.stream().map(RenderedObject::describe).collect(Collectors.toSet());
            Map<String, String> selector = Map.of(Labels.CLUSTER, spec.name(), Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
            for (Class<? extends HasMetadata> kind : List.of(CronJob.class, PodDisruptionBudget.class)) {
                String what = kind.getSimpleName() + " objects of cluster " + spec.name();
                List<? extends HasMetadata> existing;
                try {
                    existing = client.resources(kind).inNamespace(namespace).withLabels(selector).list().getItems();
                } catch (KubernetesClientException e) {
                    String explanation = ApiErrors.explain(e, "list", what, namespace);
                    record(new ApplyStep(what, Outcome.FAILED, explanation, e));
                    throw new ApplyException(explanation + " Everything else was applied.", steps, e, what,
                            ApplyException.Aftermath.REST_APPLIED, List.of(), 0);
                }
                for (HasMetadata object : existing) {
                    String name = object.getKind() + "/" + object.getMetadata().getName();
                    if (rendered.contains(name)) {
                        continue;
                    }
                    try {
                        client.resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                        record(ApplyStep.of(name, Outcome.DELETED));
                    } catch (KubernetesClientException e) {
                        if (e.getCode() != 404) {
                            String explanation = ApiErrors.explain(e, "delete", name, namespace);
                            record(new ApplyStep(name, Outcome.FAILED, explanation, e));
                            throw new ApplyException(explanation + " Everything else was applied.", steps, e, name,
                                    ApplyException.Aftermath.REST_APPLIED, List.of(), 0);
                        }
                    }
                }
            }
        }

        void createIfAbsent(RenderedObject rendered, boolean existed) {
            if (existed) {
                record(ApplyStep.of(rendered.describe(), Outcome.LEFT_ALONE));
                return;
            }
            try {
                client.resource(rendered.object()).create();
                createdHere.add(rendered.object());
                record(ApplyStep.of(rendered.describe(), Outcome.CREATED));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                record(ApplyStep.of(rendered.describe(), Outcome.LEFT_ALONE));
            }
        }

        /** Records the failure; for a new cluster, deletes what this run created; returns the exception to throw. */
        ApplyException fail(KubernetesClientException e, String action, RenderedObject rendered, boolean wrote) {
            String explanation = ApiErrors.explain(e, action, rendered.describe(), namespace);
            record(new ApplyStep(rendered.describe(), Outcome.FAILED, explanation, e));
            if (!wrote) {
                return new ApplyException(explanation + " Nothing was changed.", steps, e, rendered.describe(),
                        ApplyException.Aftermath.NOTHING_CHANGED, List.of(), 0);
            }
            if (!newCluster) {
                long applied = steps.stream().filter(s -> s.outcome() == Outcome.CREATED || s.outcome() == Outcome.CONFIGURED).count();
                return new ApplyException(explanation + " The cluster existed before and keeps running; " + applied
                        + " object(s) were already applied (see the steps). Fix the cause and apply again.", steps, e,
                        rendered.describe(), ApplyException.Aftermath.EXISTING_KEEPS_RUNNING, List.of(), applied);
            }
            List<String> leftovers = rollback();
            return new ApplyException(explanation + (leftovers.isEmpty()
                    ? " Everything this apply had created was deleted again; nothing was left behind."
                    : " These objects could not be deleted again: " + String.join(", ", leftovers) + "."), steps, e,
                    rendered.describe(), leftovers.isEmpty() ? ApplyException.Aftermath.ROLLED_BACK
                            : ApplyException.Aftermath.ROLLBACK_INCOMPLETE, leftovers, 0);
        }

        /** Deletes, newest first, what this run created, then data claims that appeared during it. */
        List<String> rollback() {
            List<String> leftovers = new ArrayList<>();
            for (int i = createdHere.size() - 1; i >= 0; i--) {
                HasMetadata object = createdHere.get(i);
                String name = object.getKind() + "/" + object.getMetadata().getName();
                leftovers.addAll(delete(name, () -> client.resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete()));
            }
            try {
                for (String claim : dataClaims()) {
                    if (!claimsBefore.contains(claim)) {
                        leftovers.addAll(delete("PersistentVolumeClaim/" + claim, () -> client.persistentVolumeClaims()
                                .inNamespace(namespace).withName(claim).delete()));
                    }
                }
            } catch (KubernetesClientException e) {
                leftovers.add("data volumes of cluster " + spec.name() + " (could not list them: " + e.getMessage() + ")");
            }
            return leftovers;
        }

        List<String> delete(String name, Runnable deletion) {
            try {
                deletion.run();
                record(ApplyStep.of(name, Outcome.ROLLED_BACK));
                return List.of();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    record(ApplyStep.of(name, Outcome.ROLLED_BACK));
                    return List.of();
                }
                record(new ApplyStep(name, Outcome.ROLLBACK_FAILED, ApiErrors.explain(e, "delete", name, namespace), e));
                return List.of(name);
            }
        }

        void record(ApplyStep step) {
            steps.add(step);
            listener.step(step);
        }
    }
}

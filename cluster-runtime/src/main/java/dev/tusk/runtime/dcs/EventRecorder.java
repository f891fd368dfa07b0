package dev.tusk.runtime.dcs;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on the agent's pod when its role changes, so {@code kubectl describe pod} tells the story. */
public final class EventRecorder {

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    /** Events are sent off the HA loop's thread: an API call must never delay a renew. */
    private final java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("events").factory());

    /** Records nothing (agents running as host processes have no pod). */
    public static EventRecorder none() {
        return new EventRecorder(null, null, null);
    }

    public EventRecorder(KubernetesClient client, String namespace, String pod) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
    }

    /** Records {@code reason} (CamelCase, e.g. {@code Promoted}) with the decision's sentence; never throws. */
    public void record(String reason, String message, boolean warning) {
        if (client == null) {
            return;
        }
        sender.submit(() -> send(reason, message, warning));
    }

    private void send(String reason, String message, boolean warning) {
        try {
            String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC));
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(pod + ".").withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject().withKind("Pod").withApiVersion("v1").withNamespace(namespace).withName(pod)
                    .endInvolvedObject()
                    .withReason(reason).withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                    .withType(warning ? "Warning" : "Normal")
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("tusk-agent").endSource()
                    .build()).create();
        } catch (RuntimeException e) {
            log.debug("could not record event {} on pod {}: {}", reason, pod, e.toString());
            if (log.isTraceEnabled()) {
                log.trace("event failure", e);
            }
        }
    }
}

package dev.tusk.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runbook: a CronJob (how Tusk schedules backups) spawns a Job on schedule, its pod runs the agent image as
 * uid 999 and the Job completes; its pod's log holds the output. */
@OnTestbed
class ACronJobSpawnsAJobThatCompletesTest {

    @Test
    void aCronJobScheduledEveryMinuteSpawnsAJobThatCompletes(TestNamespace ns) {
        ns.client().batch().v1().cronjobs().inNamespace(ns.name()).resource(new CronJobBuilder()
                .withNewMetadata().withName("every-minute").endMetadata()
                .withNewSpec()
                .withSchedule("* * * * *")
                .withConcurrencyPolicy("Forbid")
                .withNewJobTemplate().withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate().withNewSpec()
                .withRestartPolicy("Never")
                .withNewSecurityContext().withRunAsUser(999L).withRunAsGroup(999L).withRunAsNonRoot(true)
                .endSecurityContext()
                .addToContainers(new ContainerBuilder()
                        .withName("backup")
                        .withImage(Testbed.AGENT_IMAGE).withImagePullPolicy("IfNotPresent")
                        .withCommand("/bin/sh", "-c", "echo \"backup ran as $(id -u)\"; pgbackrest version")
                        .build())
                .endSpec().endTemplate()
                .endSpec().endJobTemplate()
                .endSpec()
                .build()).create();

        // the first run starts at the next minute boundary: up to 60 s, plus the pod's start
        List<Job> completed = waitForCompletedJob(ns, Duration.ofSeconds(150));
        Job job = completed.getFirst();
        assertThat(job.getMetadata().getOwnerReferences()).anySatisfy(o -> {
            assertThat(o.getKind()).isEqualTo("CronJob");
            assertThat(o.getName()).isEqualTo("every-minute");
        });
        String pod = ns.client().pods().inNamespace(ns.name()).withLabel("job-name", job.getMetadata().getName())
                .list().getItems().getFirst().getMetadata().getName();
        assertThat(ns.logs(pod)).contains("backup ran as 999").contains("pgBackRest 2.55");
    }

    private static List<Job> waitForCompletedJob(TestNamespace ns, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Job> done = ns.client().batch().v1().jobs().inNamespace(ns.name()).list().getItems().stream()
                    .filter(j -> j.getStatus() != null && j.getStatus().getSucceeded() != null
                            && j.getStatus().getSucceeded() >= 1)
                    .toList();
            if (!done.isEmpty()) {
                return done;
            }
            TestNamespace.sleep(Duration.ofSeconds(2));
        }
        throw new AssertionError("no Job of the CronJob completed within " + timeout + "; jobs: "
                + ns.client().batch().v1().jobs().inNamespace(ns.name()).list().getItems().stream()
                        .map(j -> j.getMetadata().getName() + " " + j.getStatus()).toList()
                + "\npods: " + ns.client().pods().inNamespace(ns.name()).list().getItems().stream()
                        .map(p -> ns.describe(p.getMetadata().getName())).toList());
    }

}

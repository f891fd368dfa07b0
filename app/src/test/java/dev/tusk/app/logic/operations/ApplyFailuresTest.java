package dev.tusk.app.logic.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.apply.ApplyException;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.kube.ErrorTarget;
import dev.tusk.app.logic.kube.KubeErrors;
import dev.tusk.app.model.ProblemKind;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * An apply failure reads in the user's language: Kubernetes' answer (here a 403 as the API server words it — an API
 * error code the testbed's admin user cannot provoke, so the exception is built by hand), the object and what the
 * failed run left behind.
 */
class ApplyFailuresTest {

    private static final KubeErrors ERRORS = KubeErrors.forTarget(new ErrorTarget("tusk-testbed",
            "https://198.18.0.1:6443", "dba", null, null));

    private static KubernetesClientException forbidden() {
        Status status = new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(
                "statefulsets.apps \"hippo-instance1-0\" is forbidden: User \"dba\" cannot create resource"
                        + " \"statefulsets\" in API group \"apps\" in the namespace \"db\"").build();
        return new KubernetesClientException(status);
    }

    @Test
    void aRefusedCreateOfANewClusterSaysInJapaneseWhoMayNotDoWhatAndThatNothingWasLeft() {
        ApplyException failure = new ApplyException("could not create …", List.of(), forbidden(),
                "StatefulSet/hippo-instance1-0", ApplyException.Aftermath.ROLLED_BACK, List.of(), 0);
        ProblemException problem = ApplyFailures.problem(failure, ERRORS);
        assertThat(problem.problem().kind()).isEqualTo(ProblemKind.FORBIDDEN);

        Messages ja = Messages.forLocale(Locale.JAPANESE);
        assertThat(ja.text(problem.problem().title())).isEqualTo("権限がありません");
        assertThat(ja.text(problem.problem().detail()))
                .startsWith("StatefulSet/hippo-instance1-0: ユーザー「dba」には名前空間「db」の")
                .contains("今回作成したものはすべて削除し直しました")
                .doesNotContain("{", "problem.");

        Messages en = Messages.english();
        assertThat(en.text(problem.problem().detail()))
                .startsWith("StatefulSet/hippo-instance1-0: User \"dba\" may not create statefulsets.apps in namespace \"db\".")
                .endsWith("Everything this run had created was deleted again; nothing was left behind.");
    }

    @Test
    void anIncompleteRollbackNamesWhatIsLeftAndAnExistingClusterSaysItKeepsRunning() {
        Messages en = Messages.english();
        ApplyException incomplete = new ApplyException("…", List.of(), forbidden(), "Service/hippo-primary",
                ApplyException.Aftermath.ROLLBACK_INCOMPLETE, List.of("Secret/hippo-superuser"), 0);
        assertThat(en.text(ApplyFailures.problem(incomplete, ERRORS).problem().detail()))
                .endsWith("These objects could not be deleted again: Secret/hippo-superuser.");
        ApplyException existing = new ApplyException("…", List.of(), forbidden(), "Service/hippo-primary",
                ApplyException.Aftermath.EXISTING_KEEPS_RUNNING, List.of(), 7);
        assertThat(Messages.forLocale(Locale.JAPANESE).text(ApplyFailures.problem(existing, ERRORS).problem().detail()))
                .endsWith("クラスターは以前から存在し、稼働を続けています。7 個のオブジェクトは適用済みです。");
    }

    @Test
    void changingAnImmutableFieldOfAnInstanceIsExplainedWithTheWayToGrowVolumes() {
        Status status = new StatusBuilder().withCode(422).withReason("Invalid").withMessage("StatefulSet.apps"
                + " \"hippo-instance1-0\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than"
                + " 'replicas', 'ordinals', 'template' … are forbidden").build();
        ApplyException failure = new ApplyException("…", List.of(), new KubernetesClientException(status),
                "StatefulSet/hippo-instance1-0", ApplyException.Aftermath.EXISTING_KEEPS_RUNNING, List.of(), 3);
        var problem = ApplyFailures.problem(failure, ERRORS).problem();
        assertThat(problem.kind()).isEqualTo(ProblemKind.INVALID);
        assertThat(Messages.forLocale(Locale.JAPANESE).text(problem.detail()))
                .startsWith("StatefulSet/hippo-instance1-0: 既存のインスタンスのこの項目は Kubernetes では変更できません")
                .endsWith("3 個のオブジェクトは適用済みです。");
        assertThat(Messages.english().text(problem.fix())).contains("Scale");
    }

    @Test
    void progressLinesOfFailedAndKeptObjectsReadInJapaneseToo() {
        Messages ja = Messages.forLocale(Locale.JAPANESE);
        var failed = new dev.tusk.app.logic.apply.ApplyStep("StatefulSet/hippo-instance1-0",
                dev.tusk.app.logic.apply.ApplyStep.Outcome.FAILED, "could not create …", forbidden());
        assertThat(ja.text(ApplyFailures.step(failed, ERRORS)))
                .isEqualTo("StatefulSet/hippo-instance1-0 に失敗しました: ユーザー「dba」には名前空間「db」の statefulsets.apps"
                        + " に対する create 権限がありません。");
        var kept = new dev.tusk.app.logic.apply.ApplyStep("PersistentVolumeClaim/pgdata-hippo-instance1-0-0",
                dev.tusk.app.logic.apply.ApplyStep.Outcome.KEPT, "data volume kept; …");
        assertThat(ja.text(ApplyFailures.step(kept, ERRORS))).startsWith(
                "PersistentVolumeClaim/pgdata-hippo-instance1-0-0 を残しました: データボリュームです。");
        assertThat(Messages.english().text(ApplyFailures.step(kept, ERRORS))).isEqualTo(
                "PersistentVolumeClaim/pgdata-hippo-instance1-0-0 kept: data volume kept; delete it yourself or create"
                        + " the cluster again to use it");
    }

    @Test
    void objectsInTheWayAreNamedAsAConflictWithoutAKubernetesError() {
        ApplyException foreign = new ApplyException("…", List.of(), null, null,
                ApplyException.Aftermath.FOREIGN_OBJECTS, List.of("Service/hippo-primary"), 0);
        var problem = ApplyFailures.problem(foreign, ERRORS).problem();
        assertThat(problem.kind()).isEqualTo(ProblemKind.CONFLICT);
        assertThat(Messages.english().text(problem.detail())).isEqualTo("Service/hippo-primary already exist in the"
                + " namespace without Tusk’s labels for this cluster. Nothing was changed.");
    }
}

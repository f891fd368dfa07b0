package dev.tusk.app.gui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.gui.operations.FakeClusterOperations;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.tasks.CurrentThreadTaskExecutor;
import dev.tusk.app.model.ProblemKind;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The streaming log pane: bounded, follows the chosen pod, comes back after a restart, closes with the view. */
class LogsViewModelTest {

    private final FakeClusterOperations operations = new FakeClusterOperations();
    private final LogsViewModel logs = new LogsViewModel(operations, new CurrentThreadTaskExecutor(), Runnable::run, "db", 0);

    @Test
    void linesStreamIntoABoundedBufferOldestFirstOut() {
        logs.activate();
        logs.podsChanged(List.of("p-0", "p-1"), "p-1");
        assertThat(operations.calls).contains("followLog p-1 500");
        assertThat(logs.statusProperty().get()).isEqualTo(LogsViewModel.Status.STREAMING);
        for (int i = 0; i < LogsViewModel.MAX_LINES + 10; i++) {
            operations.logLines.accept("line " + i);
        }
        assertThat(logs.lines()).hasSize(LogsViewModel.MAX_LINES);
        assertThat(logs.lines().getFirst()).isEqualTo("line 10");
        assertThat(logs.lines().getLast()).isEqualTo("line " + (LogsViewModel.MAX_LINES + 9));
    }

    @Test
    void choosingAnotherPodClosesTheOldStreamAndStartsAfresh() {
        logs.activate();
        logs.podsChanged(List.of("p-0", "p-1"), "p-0");
        operations.logLines.accept("from p-0");
        logs.podProperty().set("p-1");
        assertThat(operations.subscriptions).filteredOn(s -> s.what.equals("log p-0")).allMatch(s -> s.closed);
        assertThat(operations.open()).containsExactly("log p-1");
        assertThat(logs.lines()).isEmpty();
    }

    @Test
    void whenThePodRestartsTheStreamFollowsTheNewContainer() {
        logs.activate();
        logs.podsChanged(List.of("p-0"), "p-0");
        operations.logLines.accept("before");
        operations.logEnd.run();
        assertThat(operations.calls).containsSubsequence("followLog p-0 500", "followLog p-0 1000");
        assertThat(logs.lines()).containsExactly("before", LogsViewModel.RESTART_MARKER);
        assertThat(logs.statusProperty().get()).isEqualTo(LogsViewModel.Status.STREAMING);
    }

    @Test
    void aLogThatCannotBeOpenedIsExplained() {
        FakeClusterOperations forbidden = new FakeClusterOperations() {
            @Override
            public Subscription followLog(String namespace, String pod, int tailLines, Consumer<String> lines, Runnable onEnd) {
                throw Problems.exception(ProblemKind.FORBIDDEN, "problem.forbidden", "dba", "get", "pods/log", "db");
            }
        };
        LogsViewModel pane = new LogsViewModel(forbidden, new CurrentThreadTaskExecutor(), Runnable::run, "db", 0);
        pane.activate();
        pane.podsChanged(List.of("p-0"), null);
        assertThat(pane.statusProperty().get()).isEqualTo(LogsViewModel.Status.FAILED);
        assertThat(pane.problemProperty().get().kind()).isEqualTo(ProblemKind.FORBIDDEN);
    }

    @Test
    void deactivatingClosesTheStream() {
        logs.activate();
        logs.podsChanged(List.of("p-0"), "p-0");
        logs.deactivate();
        assertThat(operations.open()).isEmpty();
        operations.logEnd.run();
        assertThat(operations.calls.stream().filter(c -> c.startsWith("followLog")).count()).as("no follow after close").isEqualTo(1);
    }
}

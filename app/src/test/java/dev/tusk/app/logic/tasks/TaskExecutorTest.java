package dev.tusk.app.logic.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.model.Message;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskExecutorTest {

    @Test
    void theInlineExecutorRunsWorkAndCallbacksBeforeReturning() {
        List<String> events = new CopyOnWriteArrayList<>();
        TaskHandle handle = BackgroundTask.of(progress -> {
                    progress.accept(Progress.indeterminate(Message.of("step")));
                    return 42;
                })
                .onProgress(p -> events.add("progress " + p.message().key()))
                .onSuccess(r -> events.add("success " + r))
                .executeWith(new CurrentThreadTaskExecutor());
        assertThat(events).containsExactly("progress step", "success 42");
        assertThat(handle.isDone()).isTrue();
    }

    @Test
    void aFailureReachesOnFailureAndNotOnSuccess() {
        List<Object> events = new CopyOnWriteArrayList<>();
        BackgroundTask.<String>of(progress -> {
                    throw new IllegalStateException("boom");
                })
                .onSuccess(events::add)
                .onFailure(events::add)
                .executeWith(new CurrentThreadTaskExecutor());
        assertThat(events).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void callbacksGoThroughTheCallbackExecutorAndNeverOnTheCallersThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (TaskExecutor executor = new ThreadPoolTaskExecutor(r -> {
            threads.add("callback-executor");
            r.run();
        })) {
            BackgroundTask.of(progress -> Thread.currentThread().getName())
                    .onSuccess(name -> {
                        threads.add(name);
                        done.countDown();
                    })
                    .executeWith(executor);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(threads).containsExactly("callback-executor", "tusk-task-1");
    }

    @Test
    void aCancelledTaskIsInterruptedAndReportsOnlyCancellation() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (TaskExecutor executor = new ThreadPoolTaskExecutor(Runnable::run)) {
            TaskHandle handle = BackgroundTask.of(progress -> {
                        started.countDown();
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            throw e;
                        }
                        return "finished";
                    })
                    .onSuccess(r -> events.add("success"))
                    .onFailure(f -> events.add("failure"))
                    .onCancelled(() -> events.add("cancelled"))
                    .executeWith(executor);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            await().until(handle::isDone);
            assertThat(handle.isCancelled()).isTrue();
        }
        assertThat(events).containsExactly("cancelled");
    }
}

package dev.tusk.app.logic.kube;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Redaction;
import dev.tusk.app.model.KubeContext;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Checks kubeconfig credential plugins ({@code users[].user.exec}) so their failures can be explained: fabric8 runs
 * the plugin itself and, when it fails, just sends no credential. Before a connection Tusk checks that the command
 * exists; when fabric8 got no credential from it, Tusk runs it once more to learn the exit code and the first
 * line of its error output (redacted). The plugin's standard output (the credential) is never kept.
 */
final class ExecPlugins {

    private static final long DIAGNOSE_TIMEOUT_SECONDS = 30;

    private final Function<String, String> environment;

    ExecPlugins(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Throws an explained problem when the plugin's command cannot be found. */
    void requireInstalled(ExecConfig exec, Path kubeconfigFile, KubeContext context) {
        if (resolve(exec.getCommand(), kubeconfigFile) == null) {
            String hint = exec.getInstallHint() == null ? "" : " " + exec.getInstallHint().strip();
            throw new ProblemException(new Problem(ProblemKind.EXEC_PLUGIN,
                    Message.of("problem.exec.notFound.title"),
                    Message.of("problem.exec.notFound.detail", exec.getCommand(), context.user(), context.name()),
                    Message.of("problem.exec.notFound.fix", exec.getCommand() + hint)));
        }
    }

    /** Runs the plugin once to explain why it gave no credential. */
    Problem diagnoseFailure(ExecConfig exec, Path kubeconfigFile, KubeContext context) {
        Path command = resolve(exec.getCommand(), kubeconfigFile);
        List<String> argv = new ArrayList<>();
        argv.add(command == null ? exec.getCommand() : command.toString());
        if (exec.getArgs() != null) {
            argv.addAll(exec.getArgs());
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (exec.getEnv() != null) {
            for (ExecEnvVar var : exec.getEnv()) {
                builder.environment().put(var.getName(), var.getValue());
            }
        }
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        String firstError;
        int exit;
        try {
            Process process = builder.start();
            byte[] err;
            try (InputStream in = process.getErrorStream()) {
                err = in.readNBytes(4096);
            }
            if (!process.waitFor(DIAGNOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                exit = -1;
            } else {
                exit = process.exitValue();
            }
            firstError = new String(err, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).findFirst()
                    .orElse(exit == 0 ? "it printed no credential Tusk could use (check its apiVersion)" : "");
        } catch (IOException e) {
            exit = -1;
            firstError = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
            firstError = "interrupted";
        }
        return new Problem(ProblemKind.EXEC_PLUGIN,
                Message.of("problem.exec.failed.title"),
                Message.of("problem.exec.failed.detail", exec.getCommand(), context.user(), context.name(), exit,
                        Redaction.redact(firstError)),
                Message.of("problem.exec.failed.fix", exec.getCommand()));
    }

    /** The command as kubectl resolves it: a path relative to the kubeconfig's directory, or a name on PATH. */
    Path resolve(String command, Path kubeconfigFile) {
        if (command == null || command.isBlank()) {
            return null;
        }
        if (command.contains(File.separator)) {
            Path path = Path.of(command);
            if (!path.isAbsolute() && kubeconfigFile != null && kubeconfigFile.getParent() != null) {
                path = kubeconfigFile.getParent().resolve(path).normalize();
            }
            return Files.isExecutable(path) ? path : null;
        }
        String pathVariable = environment.apply("PATH");
        if (pathVariable == null) {
            return null;
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}

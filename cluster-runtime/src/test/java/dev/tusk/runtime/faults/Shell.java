package dev.tusk.runtime.faults;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command and returns its exit code and combined output; never throws for a non-zero exit. */
public final class Shell {

    private Shell() {
    }

    public record Result(int exitCode, String output) {
        public Result orThrow(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " failed (exit " + exitCode + "): " + output.strip());
            }
            return this;
        }
    }

    public static Result run(String... command) {
        return run(List.of(command));
    }

    public static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(124, "timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        }
    }
}

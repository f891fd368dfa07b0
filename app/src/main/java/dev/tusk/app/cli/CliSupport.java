package dev.tusk.app.cli;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.kube.KubeErrors;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** What the commands share: explained errors on stderr with exit code 1, plans, and aligned tables on stdout. */
final class CliSupport {

    private static final Messages ENGLISH = Messages.english();

    private CliSupport() {
    }

    /** Runs a command body; an explained failure goes to stderr as {@code error: title / detail / What to do}. */
    static int run(PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (ProblemException e) {
            return fail(err, e.problem());
        } catch (dev.tusk.runtime.model.InvalidSpecException e) {
            err.println("error: the spec is not valid (" + e.violations().size()
                    + (e.violations().size() == 1 ? " problem" : " problems") + "):");
            e.violations().forEach(v -> err.println("  " + v.message()));
            err.flush();
            return TuskCli.USAGE;
        } catch (dev.tusk.app.logic.operations.OperationCancelledException e) {
            err.println("cancelled: " + ENGLISH.text(e.summary()));
            err.flush();
            return TuskCli.FAILED;
        } catch (Exception e) {
            return fail(err, KubeErrors.explain(e));
        }
    }

    static int fail(PrintWriter err, Problem problem) {
        err.println("error: " + ENGLISH.describe(problem));
        err.flush();
        return TuskCli.FAILED;
    }

    static String text(dev.tusk.app.model.Message message) {
        return ENGLISH.text(message);
    }

    /** A refused plan on stderr: {@code error: <why the cluster cannot ...>:} and one indented line per reason. */
    static void printRefusal(PrintWriter err, String heading, OperationPlan plan) {
        err.println("error: " + heading + ":");
        plan.refusal().forEach(m -> err.println("  " + text(m)));
        err.flush();
    }

    /** A plan on stderr before it runs: {@code Plan:} and one {@code - step} line each. */
    static void printPlan(PrintWriter err, OperationPlan plan) {
        err.println("Plan:");
        plan.steps().forEach(s -> err.println("  - " + text(s.text())));
        err.flush();
    }

    /** Columns separated by three spaces, each as wide as its widest cell, as kubectl prints. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        Table row(String... cells) {
            rows.add(cells);
            return this;
        }

        void print(PrintWriter out) {
            int columns = rows.getFirst().length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    widths[i] = Math.max(widths[i], cell(row, i).length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    String cell = cell(row, i);
                    line.append(cell);
                    if (i < columns - 1) {
                        line.append(" ".repeat(widths[i] - cell.length() + 3));
                    }
                }
                out.println(line.toString().stripTrailing());
            }
            out.flush();
        }

        private static String cell(String[] row, int i) {
            return i < row.length && row[i] != null ? row[i] : "";
        }
    }
}

package dev.tusk.app.cli;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.PgoImporter;
import dev.tusk.runtime.model.PgoImporter.ImportResult;
import dev.tusk.runtime.model.PgoImporter.PgoImportException;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.model.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tusk import-pgo -f postgrescluster.yaml [-o out.yaml] [-n namespace] [--force]}: converts a PGO
 * {@code PostgresCluster} into a Tusk spec. The spec goes to stdout (or the file), and on stderr what was not carried
 * over, what was changed, and what to fix before applying. Exit 0 (with notes); 2 when the input is unreadable or
 * no PostgresCluster, or the output file exists and --force is not given.
 */
@Command(name = "import-pgo", mixinStandardHelpOptions = true,
        description = "Convert a PGO PostgresCluster manifest into a Tusk spec, saying what could not be carried over.")
public final class ImportPgoCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "<postgrescluster.yaml>",
            description = "The PGO manifest (kustomize output with several documents is fine); - reads standard input.")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "<out.yaml>", description = "Write the Tusk spec here instead of stdout.")
    String outputFile;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
            description = "The namespace of the Tusk cluster (default: the manifest's).")
    String namespace;

    @Option(names = "--force", description = "Overwrite the output file if it exists.")
    boolean force;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        ImportResult result;
        try {
            result = PgoImporter.importManifest(SpecFiles.read(file, System.in));
        } catch (IOException e) {
            return usage(err, "cannot read the manifest: " + e.getMessage());
        } catch (PgoImportException e) {
            return usage(err, e.getMessage());
        }
        ClusterSpec spec = result.spec();
        List<String> adjusted = new ArrayList<>(result.adjusted());
        if (namespace != null) {
            adjusted.removeIf(n -> n.startsWith("metadata.namespace"));
            if (spec.namespace() != null && !spec.namespace().equals(namespace)) {
                adjusted.add("metadata.namespace " + spec.namespace() + ": the Tusk cluster goes into namespace " + namespace + " as asked.");
            }
            spec = spec.withNamespace(namespace);
        }
        String yaml = ClusterSpecYaml.write(spec);
        if (outputFile != null) {
            Path path = Path.of(outputFile);
            if (Files.exists(path) && !force) {
                return usage(err, outputFile + " exists; give another file or add --force to overwrite it");
            }
            try {
                Files.writeString(path, yaml, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: cannot write " + outputFile + ": " + e.getMessage());
                err.flush();
                return TuskCli.FAILED;
            }
            err.println("Wrote the Tusk spec of cluster " + spec.name() + " to " + outputFile + ".");
        } else {
            out.print(yaml);
            out.flush();
        }
        section(err, "Not carried over", result.notCarriedOver());
        section(err, "Carried over with changes", adjusted);
        List<Violation> violations = SpecValidator.validate(spec);
        section(err, "Fix before applying", violations.stream().map(Violation::message).toList());
        err.flush();
        return TuskCli.OK;
    }

    private static void section(PrintWriter err, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        err.println(title + " (" + lines.size() + "):");
        lines.forEach(line -> err.println("  - " + line));
    }

    private static int usage(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return TuskCli.USAGE;
    }
}

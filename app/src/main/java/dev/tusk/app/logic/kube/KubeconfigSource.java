package dev.tusk.app.logic.kube;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the kubeconfig comes from: the files of {@code KUBECONFIG} (merged as kubectl merges them),
 * {@code ~/.kube/config}, or one file the user picked.
 */
public record KubeconfigSource(Origin origin, List<Path> files) {

    public enum Origin {
        /** The {@code KUBECONFIG} environment variable: a list of files separated by the path separator. */
        KUBECONFIG_VARIABLE,
        /** {@code ~/.kube/config}, because {@code KUBECONFIG} is not set. */
        HOME,
        /** A file the user chose. */
        PICKED
    }

    public KubeconfigSource {
        files = List.copyOf(files);
    }

    public static KubeconfigSource picked(Path file) {
        return new KubeconfigSource(Origin.PICKED, List.of(file.toAbsolutePath().normalize()));
    }

    /** The files as one line, separated as {@code KUBECONFIG} separates them. */
    public String describeFiles() {
        return String.join(java.io.File.pathSeparator, files.stream().map(Path::toString).toList());
    }
}

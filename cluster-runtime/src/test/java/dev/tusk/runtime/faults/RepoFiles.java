package dev.tusk.runtime.faults;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of this repository when the harness runs from Maven or from a command in testbed/. */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path root() {
        for (String candidate : new String[] {System.getProperty("tusk.repo.root"), System.getenv("TUSK_REPO_ROOT"),
                System.getProperty("user.dir")}) {
            if (candidate == null) {
                continue;
            }
            for (Path p = Path.of(candidate).toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("testbed/images/patroni"))) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("cannot find the Tusk checkout (testbed/images/patroni); run from inside it"
                + " or set TUSK_REPO_ROOT");
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}

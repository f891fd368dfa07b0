package dev.tusk.app.logic.portforward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void theDirectoryIs0700AndEveryFileIs0600FromTheStart() throws Exception {
        PrivateFiles files = PrivateFiles.at(dir.resolve("tusk"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.directory()))).isEqualTo("rwx------");
        Path f = files.write("pgpass", "", "x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(Files.readString(f)).isEqualTo("x");
        PrivateFiles.deleteQuietly(f);
        assertThat(f).doesNotExist();
    }

    @Test
    void theUsersRuntimeDirectoryIsPreferred() throws Exception {
        Path runtime = Files.createDirectory(dir.resolve("run"));
        assertThat(PrivateFiles.forUser(Map.of("XDG_RUNTIME_DIR", runtime.toString())).directory())
                .isEqualTo(runtime.resolve("tusk"));
    }

    @Test
    void filesLeftByACrashedSessionAreSweptAfterADay() throws Exception {
        PrivateFiles files = PrivateFiles.at(dir.resolve("tusk"));
        Path old = files.write("pgpass", "", "stale");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 2L * 24 * 3600 * 1000));
        Path fresh = files.write("pgpass", "", "fresh");
        files.sweep();
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void passwordFileLinesEscapeColonsAndBackslashes() {
        assertThat(PrivateFiles.passfileLine("127.0.0.1", 5432, "db", "u:x", "p\\a:ss"))
                .isEqualTo("127.0.0.1:5432:db:u\\:x:p\\\\a\\:ss\n");
    }
}

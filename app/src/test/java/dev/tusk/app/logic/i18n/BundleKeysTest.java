package dev.tusk.app.logic.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text key the app's code names (a string literal such as {@code "cluster.events.total"} or
 * {@code "op.create.done"}, or a problem's stem such as {@code "problem.create.timeout"}) exists in the English and
 * the Japanese bundle, so no screen or CLI line ever shows a bare key. Keys built at run time (a literal prefix plus a
 * value, e.g. {@code "role." + role}) are not checked here.
 */
class BundleKeysTest {

    private static final Pattern LITERAL = Pattern.compile(
            "\"((?:op|problem|create|cluster|clusters|logs|dialog|plan|delete|scale|switchover|restart|connection"
                    + "|progress|menu|connect|status|watch|tunnel)\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundleKeysTest.class.getResourceAsStream("/dev/tusk/app/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyTheCodeNamesExistsInBothLanguages() throws IOException {
        Properties en = load("messages.properties");
        Properties ja = load("messages_ja.properties");
        Set<String> missing = new TreeSet<>();
        Path sources = Path.of("src", "main", "java", "dev", "tusk", "app");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "resources", "dev", "tusk", "app", "gui"))) {
            Pattern fxml = Pattern.compile("\"%([A-Za-z0-9_.]+)\"");
            for (Path file : files.filter(f -> f.toString().endsWith(".fxml")).toList()) {
                Matcher m = fxml.matcher(Files.readString(file));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        for (String key : named) {
            boolean stem = key.startsWith("problem.") && en.containsKey(key + ".title");
            if (!stem && (!en.containsKey(key) || !ja.containsKey(key))) {
                missing.add(key);
            }
        }
        assertThat(named).hasSizeGreaterThan(300);
        assertThat(missing).as("keys named in the code but missing from a bundle").isEmpty();
    }
}

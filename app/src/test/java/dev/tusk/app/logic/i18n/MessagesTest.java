package dev.tusk.app.logic.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.model.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/dev/tusk/app/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndJapaneseHaveExactlyTheSameKeys() throws IOException {
        Set<String> en = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> ja = new TreeSet<>(load("messages_ja.properties").stringPropertyNames());
        assertThat(ja).as("keys missing in Japanese").containsAll(en);
        assertThat(en).as("keys missing in English").containsAll(ja);
    }

    @Test
    void noTextUsesAnApostropheWhichMessageFormatWouldSwallow() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_ja.properties"}) {
            Properties p = load(bundle);
            for (String key : p.stringPropertyNames()) {
                assertThat(p.getProperty(key)).as(bundle + " " + key).doesNotContain("'");
            }
        }
    }

    @Test
    void choosingEnglishOnAJapaneseDesktopGivesEnglish() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPAN);
            assertThat(Messages.forLocale(Locale.ENGLISH).text("problem.conflict.fix")).isEqualTo("Reload and try again.");
            assertThat(Messages.forLocale(Locale.JAPAN).locale()).isEqualTo(Locale.JAPANESE);
            assertThat(Messages.forLocale(Locale.GERMAN).locale()).isEqualTo(Locale.ENGLISH);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void argumentsAreFilledInAndNumbersAreNotGrouped() {
        String text = Messages.english().text(Message.of("problem.server.detail", "https://x", 50304, "busy"));
        assertThat(text).isEqualTo("The server https://x answered HTTP 50304: busy");
    }
}

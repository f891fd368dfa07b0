package dev.tusk.app.logic.i18n;

import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.runtime.api.ReasonClauses;
import dev.tusk.runtime.model.Violation;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Turns {@link Message}s into text in one language, from the bundle {@code dev/tusk/app/i18n/messages*.properties}
 * that the desktop app and the CLI share. The base bundle is English; {@code messages_ja.properties} is Japanese.
 * The bundle never falls back to the JVM's default locale, so choosing English on a Japanese desktop gives English.
 */
public final class Messages {

    public static final String BUNDLE = "dev.tusk.app.i18n.messages";
    /** Translations of the spec validator's rules by {@link Violation#key()}; English is the validator's own text. */
    public static final String VIOLATIONS_BUNDLE = "dev.tusk.app.i18n.violations";
    /** The languages Tusk ships, in menu order. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);

    private final ResourceBundle bundle;
    private final ResourceBundle violations;
    private final Locale locale;

    private Messages(Locale locale) {
        this.locale = locale;
        ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES);
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, control);
        this.violations = ResourceBundle.getBundle(VIOLATIONS_BUNDLE, locale, control);
    }

    public static Messages forLocale(Locale locale) {
        return new Messages(supported(locale));
    }

    public static Messages english() {
        return forLocale(Locale.ENGLISH);
    }

    /** The shipped language closest to {@code requested}: Japanese for any {@code ja} locale, English otherwise. */
    public static Locale supported(Locale requested) {
        if (requested != null && Locale.JAPANESE.getLanguage().equals(requested.getLanguage())) {
            return Locale.JAPANESE;
        }
        return Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text of a key without arguments. A missing key shows as the key itself, so it is noticed. */
    public String text(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    public String text(String key, Object... args) {
        return text(Message.of(key, args));
    }

    /** The message's text; arguments are filled in with {@link MessageFormat} only when there are any. */
    public String text(Message message) {
        if (message == null) {
            return "";
        }
        if (Message.DECISION_KEY.equals(message.key()) && message.args().size() == 1) {
            return decision(String.valueOf(message.args().getFirst()));
        }
        String pattern = text(message.key());
        if (message.args().isEmpty()) {
            return pattern;
        }
        Object[] args = message.args().stream().map(this::plain).toArray();
        return new MessageFormat(pattern, locale).format(args);
    }

    /**
     * An agent's decision sentence in this language, clause by clause ({@link ReasonClauses}); a clause without a
     * text here stays as the agent wrote it. Null stays null. The English texts reproduce the agent's own words.
     */
    public String decision(String sentence) {
        if (sentence == null) {
            return null;
        }
        List<ReasonClauses.Clause> clauses = ReasonClauses.of(sentence);
        if (clauses.isEmpty()) {
            return sentence;
        }
        // this language's joiner between two translated clauses; the agent's own "; " next to one kept in English
        String joiner = text("agent.clause.joiner");
        StringBuilder out = new StringBuilder();
        boolean previousTranslated = false;
        for (int i = 0; i < clauses.size(); i++) {
            ReasonClauses.Clause clause = clauses.get(i);
            String key = "agent.clause." + clause.key();
            boolean translated = !clause.verbatim() && bundle.containsKey(key);
            if (i > 0) {
                out.append(translated && previousTranslated ? joiner : "; ");
            }
            out.append(translated ? new MessageFormat(bundle.getString(key), locale).format(clause.args().toArray())
                    : clause.text());
            previousTranslated = translated;
        }
        return out.toString();
    }

    /** Title, detail and fix on three lines, as the CLI prints a problem. */
    public String describe(Problem problem) {
        return text(problem.title()) + System.lineSeparator()
                + "  " + text(problem.detail()) + System.lineSeparator()
                + "  " + text("problem.fixPrefix") + " " + text(problem.fix());
    }

    /**
     * The rule a violation breaks, in this language: the translation keyed {@code violation.<key>.rule} with the
     * violation's values filled in, or the validator's English sentence when there is none.
     */
    public String rule(Violation violation) {
        return violationText(violation, "rule", violation.rule());
    }

    /** What to do about a violation, in this language (see {@link #rule(Violation)}). */
    public String fix(Violation violation) {
        return violationText(violation, "fix", violation.fix());
    }

    /** Whether this language has its own text for the violation's rule (false: the English sentence shows). */
    public boolean translates(Violation violation) {
        return violation.key() != null && violations.containsKey("violation." + violation.key() + ".rule");
    }

    private String violationText(Violation violation, String part, String english) {
        String key = "violation." + violation.key() + "." + part;
        if (violation.key() == null || !violations.containsKey(key)) {
            return english == null ? "" : english;
        }
        String pattern = violations.getString(key);
        return violation.args().isEmpty() ? pattern
                : new MessageFormat(pattern, locale).format(violation.args().toArray());
    }

    private Object plain(Object arg) {
        // Numbers as plain digits (no grouping), so ports and versions read as written; a Message argument is a
        // sentence of its own, in the same language.
        if (arg instanceof Message nested) {
            return text(nested);
        }
        return arg instanceof Number number ? number.toString() : arg;
    }
}

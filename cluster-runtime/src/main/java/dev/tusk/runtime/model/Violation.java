package dev.tusk.runtime.model;

import java.util.List;

/**
 * One problem with a cluster spec: which field, the value found there, the rule it breaks, and how to fix it.
 * The validator, the YAML reader and the PGO importer all speak in violations so the app, the CLI and the agent
 * show the same sentence.
 *
 * <p>{@code rule} and {@code fix} are English. The validator also names each rule with a stable {@code key} and the
 * values its sentence mentions ({@code args}), so a user interface can show the same sentence in another language
 * (the desktop app's Japanese texts are keyed {@code violation.<key>.rule} / {@code .fix}). Violations that carry no
 * key (the YAML reader's) are shown in English everywhere.
 *
 * @param field the path of the field as it appears in the YAML document, e.g. {@code spec.instanceSets[0].storage.size}
 * @param value the offending value as written, or {@code null} when the field is missing
 * @param rule  the rule in words, e.g. "replicas must be between 0 and 9"
 * @param fix   what to do about it, e.g. "set replicas to 9 or fewer and add another instance set"
 * @param key   the rule's stable id, e.g. {@code instanceSet.replicasTooMany}, or {@code null}
 * @param args  the values the rule and fix name (as text), in the order a translation numbers them
 */
public record Violation(String field, String value, String rule, String fix, String key, List<String> args) {

    public Violation {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A violation without a rule key (shown in English only). */
    public Violation(String field, String value, String rule, String fix) {
        this(field, value, rule, fix, null, List.of());
    }

    /** One line for a terminal or a log: {@code <field>: "<value>" — <rule>. Fix: <fix>} */
    public String message() {
        StringBuilder text = new StringBuilder(field).append(": ");
        text.append(value == null ? "(missing)" : quote(value)).append(" — ").append(rule);
        if (fix != null && !fix.isBlank()) {
            text.append(". Fix: ").append(fix);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return message();
    }

    private static String quote(String value) {
        String shown = value.length() > 120 ? value.substring(0, 117) + "..." : value;
        return '"' + shown.replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}

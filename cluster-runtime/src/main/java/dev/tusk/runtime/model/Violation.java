package dev.tusk.runtime.model;

/**
 * One problem with a cluster spec: which field, the value found there, the rule it breaks, and how to fix it.
 * The validator, the YAML reader and the PGO importer all speak in violations so the app, the CLI and the agent
 * show the same sentence.
 *
 * @param field the path of the field as it appears in the YAML document, e.g. {@code spec.instanceSets[0].storage.size}
 * @param value the offending value as written, or {@code null} when the field is missing
 * @param rule  the rule in words, e.g. "replicas must be between 0 and 9"
 * @param fix   what to do about it, e.g. "set replicas to 9 or fewer and add another instance set"
 */
public record Violation(String field, String value, String rule, String fix) {

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

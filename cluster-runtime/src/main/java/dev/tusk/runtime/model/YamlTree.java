package dev.tusk.runtime.model;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML text as plain values, keeping every scalar exactly as written: a mapping is a {@code LinkedHashMap}, a
 * sequence a {@code List}, a scalar a {@link Scalar} (its text plus what YAML would make of it), {@code null} a YAML
 * null. Keeping the text matters: {@code max_wal_size: 1e3} must stay {@code "1e3"}, and {@code 010} must not become 8.
 * Only composes nodes, never constructs objects from tags.
 */
final class YamlTree {

    /** Nested deeper than this is not a cluster spec (and guards against alias loops). */
    private static final int MAX_DEPTH = 64;

    private YamlTree() {
    }

    /** A scalar as written, and the type YAML 1.1 resolves a plain scalar to. */
    record Scalar(String text, Kind kind) {
        enum Kind { STRING, INTEGER, FLOAT, BOOLEAN }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The documents of a YAML text and the problems met reading it (syntax errors, duplicate keys). */
    record Parsed(List<Object> documents, List<Violation> problems) {
    }

    static Parsed parse(String text) {
        List<Violation> problems = new ArrayList<>();
        List<Object> documents = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        try {
            for (Node node : new Yaml(options).composeAll(new StringReader(text))) {
                documents.add(plain(node, "", 0, problems));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            problems.add(new Violation("(document)", mark == null ? null : lineAt(text, mark.getLine()),
                    "this is not valid YAML: " + e.getProblem() + where,
                    "correct the YAML syntax there (indentation, a missing ':' or an unclosed quote or bracket)"));
        } catch (YAMLException e) {
            problems.add(new Violation("(document)", null, "this is not valid YAML: " + firstLine(e.getMessage()),
                    "correct the YAML syntax"));
        }
        return new Parsed(documents, problems);
    }

    private static Object plain(Node node, String path, int depth, List<Violation> problems) {
        if (depth > MAX_DEPTH) {
            throw new YAMLException("the document is nested more than " + MAX_DEPTH + " levels deep at " + path);
        }
        return switch (node) {
            case ScalarNode scalar -> scalar(scalar);
            case SequenceNode sequence -> {
                List<Object> items = new ArrayList<>();
                int i = 0;
                for (Node item : sequence.getValue()) {
                    items.add(plain(item, path + "[" + i++ + "]", depth + 1, problems));
                }
                yield items;
            }
            case MappingNode mapping -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(tuple.getKeyNode());
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (fields.containsKey(key)) {
                        problems.add(new Violation(childPath, key,
                                "this key appears twice in the same mapping; YAML readers disagree on which one wins",
                                "keep one of them"));
                        continue;
                    }
                    fields.put(key, plain(tuple.getValueNode(), childPath, depth + 1, problems));
                }
                yield fields;
            }
            default -> throw new YAMLException("unexpected YAML node " + node.getNodeId() + " at " + path);
        };
    }

    private static Scalar scalar(ScalarNode node) {
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        Scalar.Kind kind = Tag.INT.equals(tag) ? Scalar.Kind.INTEGER
                : Tag.FLOAT.equals(tag) ? Scalar.Kind.FLOAT
                : Tag.BOOL.equals(tag) ? Scalar.Kind.BOOLEAN
                : Scalar.Kind.STRING;
        return new Scalar(node.getValue(), kind);
    }

    /**
     * Writes plain values (maps in their iteration order, lists, strings, integers, booleans) as block-style YAML.
     * Strings YAML would read as something else ({@code "on"}, {@code "1e3"}, {@code "010"}) are quoted.
     */
    static String write(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(4096);
        options.setSplitLines(false);
        options.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
        return new Yaml(options).dump(value);
    }

    private static String lineAt(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 0 && line < lines.length ? lines[line].stripTrailing() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}

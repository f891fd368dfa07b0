package dev.tusk.app.logic.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.app.model.MemberStatus;

/**
 * Reads the agent's {@code tusk.dev/status} pod annotation (JSON). Tolerant: an absent or unreadable annotation, or
 * unknown fields, give what could be read; the app never fails because an agent is older or newer.
 */
public final class MemberStatusReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    public MemberStatus read(String annotation) {
        if (annotation == null || annotation.isBlank()) {
            return MemberStatus.NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(annotation);
        } catch (Exception e) {
            return MemberStatus.NONE;
        }
        if (root == null || !root.isObject()) {
            return MemberStatus.NONE;
        }
        Long timeline = number(root, "timeline");
        Long lag = first(number(root, "lagBytes"), number(root, "lag_bytes"), number(root, "lag"));
        String decision = first(text(root, "lastDecision"), text(root, "reason"), text(root, "decision"));
        if (decision == null) {
            JsonNode nested = root.path("lastDecision").isObject() ? root.path("lastDecision") : root.path("decision");
            decision = text(nested, "reason");
        }
        return new MemberStatus(timeline, lag, decision);
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}

package dev.tusk.app.logic;

import java.util.regex.Pattern;

/**
 * Removes what looks like a credential from a text before Tusk shows or logs it: bearer tokens, JSON Web Tokens,
 * {@code token=}/{@code password=} pairs and long base64 runs (certificates, keys). Used on every message that
 * comes from outside (server messages, plugin output) before it reaches a {@link dev.tusk.app.model.Problem}.
 */
public final class Redaction {

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}(\\.[A-Za-z0-9_-]*)?");
    private static final Pattern PAIR = Pattern.compile(
            "(?i)((?:token|password|passwd|secret|client-key-data|id-token|access-token)\"?\\s*[:=]\\s*\"?)[^\\s\",}]+");
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/]{64,}={0,2}");
    private static final int MAX_LENGTH = 600;

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = BEARER.matcher(text).replaceAll("$1[redacted]");
        out = JWT.matcher(out).replaceAll("[redacted]");
        out = PAIR.matcher(out).replaceAll("$1[redacted]");
        out = LONG_BASE64.matcher(out).replaceAll("[redacted]");
        out = out.strip();
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "…" : out;
    }
}

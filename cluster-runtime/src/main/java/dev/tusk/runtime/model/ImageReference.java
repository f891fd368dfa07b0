package dev.tusk.runtime.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference {@code [registry[:port]/]path[:tag][@digest]}, parsed by the grammar of
 * {@code github.com/distribution/reference}.
 *
 * @param registry the registry host (with port), or null when the reference names none (Docker Hub)
 * @param path     the repository path, e.g. {@code tusk/agent}
 * @param tag      the tag, or null
 * @param digest   the digest ({@code sha256:…}), or null
 */
public record ImageReference(String registry, String path, String tag, String digest) {

    private static final Pattern REGISTRY = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern MAJOR_IN_TAG = Pattern.compile("(?:^|[-_.])pg(\\d{2})(?:$|[-_.])");

    /** The parsed reference, or empty when the text is not a valid image reference. */
    public static Optional<ImageReference> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 512 || !text.equals(text.strip())) {
            return Optional.empty();
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return Optional.empty();
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(java.util.Locale.ROOT))) {
                if (!REGISTRY.matcher(first).matches()) {
                    return Optional.empty();
                }
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (rest.isEmpty() || rest.length() > 255) {
            return Optional.empty();
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ImageReference(registry, rest, tag, digest));
    }

    /** True when the reference pins an image by tag or digest. */
    public boolean pinned() {
        return digest != null || (tag != null && !tag.equals("latest"));
    }

    /** The PostgreSQL major version a Tusk-style tag announces ({@code …-pg17} → 17), if any. */
    public Optional<Integer> announcedMajorVersion() {
        if (tag == null) {
            return Optional.empty();
        }
        var m = MAJOR_IN_TAG.matcher(tag);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}

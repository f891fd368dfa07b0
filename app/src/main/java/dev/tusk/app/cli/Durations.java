package dev.tusk.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads durations as kubectl writes them ({@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}) or ISO-8601. */
final class Durations implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != text.length() || text.isEmpty() || total.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 90s, 10m or 1h30m");
        }
        return total;
    }
}

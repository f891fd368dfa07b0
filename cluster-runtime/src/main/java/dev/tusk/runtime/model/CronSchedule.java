package dev.tusk.runtime.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a CronJob schedule: five fields (minute hour day-of-month month day-of-week) with numbers, ranges
 * ({@code 1-5}), steps ({@code *}{@code /15}, {@code 0-30/10}), lists ({@code 1,15}), month and day names
 * ({@code JAN}, {@code MON}), {@code ?} for either day field, or one of the macros Kubernetes accepts
 * ({@code @hourly}, {@code @daily}, …). Every problem is reported, each naming the cron field.
 */
public final class CronSchedule {

    private record Field(String name, int min, int max, Map<String, Integer> names) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, Map.of()),
            new Field("hour", 0, 23, Map.of()),
            new Field("day-of-month", 1, 31, Map.of()),
            new Field("month", 1, 12, Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3),
                    Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
                    Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11),
                    Map.entry("DEC", 12))),
            new Field("day-of-week", 0, 7, Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6)));

    private static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");

    private static final String EXAMPLE = "e.g. \"0 1 * * *\" (01:00 every day) — minute hour day-of-month month day-of-week";

    private CronSchedule() {
    }

    /** Every problem with {@code expression}, reported against {@code path}; empty when it is a valid schedule. */
    public static List<Violation> check(String expression, String path) {
        List<Violation> problems = new ArrayList<>();
        if (expression == null || expression.isBlank()) {
            problems.add(new Violation(path, expression, "the schedule is empty", "write a cron schedule, " + EXAMPLE));
            return problems;
        }
        String trimmed = expression.trim();
        if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
            problems.add(new Violation(path, expression, "Kubernetes does not accept a time zone inside the schedule",
                    "remove the TZ= prefix; schedules run in the time zone of the kube-controller-manager (usually UTC)"));
            return problems;
        }
        if (trimmed.startsWith("@")) {
            if (!MACROS.contains(trimmed)) {
                problems.add(new Violation(path, expression, "'" + trimmed + "' is not a schedule macro Kubernetes knows",
                        "use one of " + String.join(", ", List.of("@hourly", "@daily", "@weekly", "@monthly", "@yearly"))
                                + " or five fields, " + EXAMPLE));
            }
            return problems;
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 5) {
            problems.add(new Violation(path, expression, "a schedule has five fields separated by spaces, found "
                    + parts.length, "write five fields, " + EXAMPLE));
            return problems;
        }
        for (int i = 0; i < 5; i++) {
            checkField(FIELDS.get(i), parts[i], expression, path, problems);
        }
        return problems;
    }

    private static void checkField(Field field, String text, String expression, String path, List<Violation> problems) {
        for (String item : text.split(",", -1)) {
            String problem = checkItem(field, item);
            if (problem != null) {
                problems.add(new Violation(path, expression,
                        "field '" + field.name() + "' of " + path + ": " + problem,
                        "write " + field.name() + " as *, a number " + field.min() + "–" + field.max()
                                + ", a range a-b, a step */n or a-b/n, or a list a,b; " + EXAMPLE));
            }
        }
    }

    /** Null when the item is valid, else what is wrong with it. */
    private static String checkItem(Field field, String item) {
        if (item.isEmpty()) {
            return "an empty entry (two commas in a row, or a trailing comma)";
        }
        String range = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            String step = item.substring(slash + 1);
            if (!step.matches("[0-9]+")) {
                return "step '" + step + "' is not a number";
            }
            int n = Integer.parseInt(step);
            if (n == 0) {
                return "a step of 0 never advances";
            }
            if (n > field.max() - field.min() + 1) {
                return "step " + n + " is larger than the field's range " + field.min() + "–" + field.max();
            }
        }
        if (range.equals("*") || (range.equals("?") && field.name().startsWith("day-of"))) {
            return null;
        }
        String[] ends = range.split("-", -1);
        if (ends.length > 2) {
            return "'" + range + "' is not a range a-b";
        }
        Integer low = value(field, ends[0]);
        if (low == null) {
            return describeBad(field, ends[0]);
        }
        if (low < field.min() || low > field.max()) {
            return low + " is outside " + field.min() + "–" + field.max();
        }
        if (ends.length == 2) {
            Integer high = value(field, ends[1]);
            if (high == null) {
                return describeBad(field, ends[1]);
            }
            if (high < field.min() || high > field.max()) {
                return high + " is outside " + field.min() + "–" + field.max();
            }
            if (high < low) {
                return "range " + range + " ends before it starts";
            }
        }
        return null;
    }

    private static Integer value(Field field, String text) {
        if (text.matches("[0-9]{1,9}")) {
            return Integer.parseInt(text);
        }
        return field.names().get(text.toUpperCase(Locale.ROOT));
    }

    private static String describeBad(Field field, String text) {
        if (text.isEmpty()) {
            return "a range is missing one of its ends";
        }
        return field.names().isEmpty() ? "'" + text + "' is not a number"
                : "'" + text + "' is neither a number nor one of " + String.join(", ", field.names().keySet().stream().sorted(
                        (a, b) -> Integer.compare(field.names().get(a), field.names().get(b))).toList());
    }
}

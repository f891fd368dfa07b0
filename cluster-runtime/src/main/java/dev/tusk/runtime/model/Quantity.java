package dev.tusk.runtime.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 1Gi}, {@code 500m}, {@code 2}, {@code 1.5G}, {@code 1e3}) and its value in
 * base units (bytes or cores), parsed by the grammar of {@code k8s.io/apimachinery/pkg/api/resource}.
 *
 * @param text   the quantity as written
 * @param value  its value in base units
 * @param suffix the suffix as written ("" when there is none)
 */
public record Quantity(String text, BigDecimal value, String suffix) implements Comparable<Quantity> {

    private static final Pattern GRAMMAR = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    private static final Map<String, BigDecimal> MULTIPLIERS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)),
            Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)),
            Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)),
            Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
            Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    /** The quantity, or empty when the text is not a Kubernetes quantity. */
    public static Optional<Quantity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal value;
        if (suffix.startsWith("e") || suffix.startsWith("E")) {
            int exponent = Integer.parseInt(suffix.substring(1));
            if (Math.abs(exponent) > 30) {
                return Optional.empty();
            }
            value = number.scaleByPowerOfTen(exponent);
        } else {
            value = number.multiply(MULTIPLIERS.get(suffix));
        }
        return Optional.of(new Quantity(text, value, suffix));
    }

    public boolean isPositive() {
        return value.signum() > 0;
    }

    /** True for memory and storage written in millibytes ({@code 256m}) — almost always meant as {@code 256Mi}. */
    public boolean isMillis() {
        return suffix.equals("m");
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }
}

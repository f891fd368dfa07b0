package dev.tusk.runtime.ha;

/**
 * A PostgreSQL WAL position (pg_lsn), written as PostgreSQL writes it: {@code 16/B374D848}. Ordered as an
 * unsigned 64-bit number.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    public static final Lsn ZERO = new Lsn(0);

    /** Parses {@code X/Y} (hexadecimal halves); throws IllegalArgumentException naming the text otherwise. */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a WAL position (LSN) is missing");
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a WAL position (LSN); expected hex/hex such as 0/3000060");
        }
        try {
            long high = Long.parseUnsignedLong(text.substring(0, slash).trim(), 16);
            long low = Long.parseUnsignedLong(text.substring(slash + 1).trim(), 16);
            if (high > 0xFFFF_FFFFL || low > 0xFFFF_FFFFL) {
                throw new NumberFormatException("a half exceeds 32 bits");
            }
            return new Lsn((high << 32) | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a WAL position (LSN); expected hex/hex such as 0/3000060", e);
        }
    }

    /** Parses, or null for null/blank text. */
    public static Lsn parseOrNull(String text) {
        return text == null || text.isBlank() ? null : parse(text);
    }

    /** Bytes from {@code other} up to this position; 0 when {@code other} is at or beyond it. */
    public long bytesAfter(Lsn other) {
        return Long.compareUnsigned(value, other.value) <= 0 ? 0 : value - other.value;
    }

    public boolean isAtLeast(Lsn other) {
        return compareTo(other) >= 0;
    }

    public static Lsn max(Lsn a, Lsn b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}

package org.scoresim.experiments.sensitivity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A key varied over a range: {@code KEY=LO..HI}, uniform on [LO, HI], or {@code KEY=LO..HI:log},
 * uniform in its logarithm (LO &gt; 0). Values are real numbers: a key that takes whole numbers
 * only is refused by the scenario's validation, naming the key.
 */
public record Factor(String key, double lo, double hi, boolean log) {
    /** Significant digits of the values written into the scenario: far finer than any run can tell apart. */
    static final MathContext DIGITS = new MathContext(8);

    public Factor {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException(
                    "--vary " + key + ": LO must not exceed HI, got " + fmt(lo) + ".." + fmt(hi));
        }
        if (log && !(lo > 0)) {
            throw new IllegalArgumentException(
                    "--vary " + key + ": a :log range must be above 0, got " + fmt(lo) + ".." + fmt(hi));
        }
    }

    /** The factors of {@code --vary} options; IllegalArgumentException names the option and what is wrong. */
    public static List<Factor> parse(List<String> options) {
        List<Factor> factors = new ArrayList<>();
        for (String option : options) {
            Factor f = parse(option);
            if (factors.stream().anyMatch(g -> g.key().equals(f.key()))) {
                throw new IllegalArgumentException("--vary " + f.key() + " is given twice");
            }
            factors.add(f);
        }
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("--vary: at least one key is needed");
        }
        return List.copyOf(factors);
    }

    static Factor parse(String option) {
        String expected =
                "--vary expects KEY=LO..HI or KEY=LO..HI:log (such as channels.cameras.false_match=0.001..0.02),"
                        + " got '" + option + "'";
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(expected);
        }
        String key = option.substring(0, eq).strip();
        String range = option.substring(eq + 1).strip();
        boolean log = false;
        if (range.endsWith(":log")) {
            log = true;
            range = range.substring(0, range.length() - 4).strip();
        }
        int dots = range.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException(expected);
        }
        String a = range.substring(0, dots).strip();
        String b = range.substring(dots + 2).strip();
        double lo;
        double hi;
        try {
            lo = Double.parseDouble(a);
            hi = Double.parseDouble(b);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--vary " + key + ": LO and HI must be numbers, got '" + range + "'");
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(
                    "--vary " + key + ": LO and HI must be finite numbers, got '" + range + "'");
        }
        return new Factor(key, lo, hi, log);
    }

    /** The value at {@code u} in [0, 1] of the range (in the logarithm for a :log range). */
    public double at(double u) {
        if (u <= 0) {
            return lo;
        }
        if (u >= 1) {
            return hi;
        }
        double v = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        return Math.min(hi, Math.max(lo, v));
    }

    /** The value at {@code u} as written into the scenario. */
    public String text(double u) {
        return fmt(at(u));
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    /** The option as given, normalised: {@code KEY=LO..HI[:log]}. */
    public String describe() {
        return key + "=" + fmt(lo) + ".." + fmt(hi) + (log ? ":log" : "");
    }
}

package org.scoresim.engine.results;



import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed report's headline, "23 million people barred from travel in 2018" (17.5 M from
 * flights, 5.5 M from high-speed trains), set beside the model's figures that it mixes up
 * (SYSTEM.md): distinct people under a travel ban during 2018, blocked purchases in 2018, and
 * blocked purchases summed since the list went online in 2013, which is what the official 17.5 M
 * and 5.5 M count.
 */
public final class PressClaim {
    public static final int YEAR = 2018;
    public static final long PRESS_VALUE = 23_000_000L;

    private PressClaim() {}

    /** The comparison, or null when the run does not cover 2018 or has no travel modes. */
    public static Map<String, Object> of(Results r) {
        int y = YEAR - r.firstYear();
        if (y < 0 || y >= r.years() || r.modes().isEmpty()) {
            return null;
        }
        long blockedYear = 0;
        long blockedCumulative = 0;
        for (String m : r.modes()) {
            blockedYear += r.raw(y, "blocked", m);
            for (int k = 0; k <= y; k++) {
                blockedCumulative += r.raw(k, "blocked", m);
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("year", YEAR);
        c.put("press_claim", "23 M people barred from travel in 2018 (17.5 M flights, 5.5 M trains)");
        c.put("press_value", PRESS_VALUE);
        c.put("people_banned", r.scale(r.raw(y, "travel_banned", "")));
        c.put("blocked_in_year", r.scale(blockedYear));
        c.put("since", r.firstYear());
        c.put("blocked_cumulative", r.scale(blockedCumulative));
        c.put("explanation", "The press figure is the official running total of blocked ticket purchases (person-times) "
                + "since the court list went online in 2013, read as people barred in 2018; the model keeps the "
                + "three apart: people banned in the year, purchases refused in the year, purchases refused since "
                + r.firstYear() + ".");
        return c;
    }
}

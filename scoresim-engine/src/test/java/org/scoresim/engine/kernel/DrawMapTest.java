package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.scoresim.model.Limits;

/**
 * No two draws of one household share a number ({@link Draws}): every draw the map hands out for
 * a household of the validator's largest counts (32 members, 301 years, 64 behaviours with 64
 * detection entries each, 32 lists, 16 travel modes) is a different slot, or half of a slot, of a
 * different or the same key, and the key's fields pack without overlap. {@code ReferenceKernelTest}
 * checks the same of the draws a simulated household really makes.
 */
class DrawMapTest {
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int WHOLE = HIGH | LOW;
    private static final int FAMILY =
            -1; // every slot of the key: a Poisson draw's rejection loop, a behaviour's events

    /** The shape of a household's draws: what the map's ranges depend on. */
    record Shape(int persons, int years, int attributes, int[] entries, int lists, int modes) {
        int behaviours() {
            return entries.length;
        }
    }

    /** Claims of slots (or halves of slots) of keys, each with the draw it is for; the first clash fails. */
    static final class Claims {
        /** The claims on one key. */
        private static final class Family {
            int[] slot = new int[4];
            int[] half = new int[4];
            String[] kind = new String[4];
            int[] item = new int[4];
            int n;
        }

        private final Map<Long, Family> keys = new HashMap<>();
        int claims;

        /** A claim of draw (kind, item): a slot's half, the whole slot, or the whole key ({@link #FAMILY}). */
        void claim(int person, int year, int purpose, long index, int slot, int half, String kind, int item) {
            if (!(person >= 0 && person < Draws.PERSONS)) {
                fail(kind, item, "person", person);
            }
            if (!(year >= 0 && year < Draws.YEARS)) {
                fail(kind, item, "year", year);
            }
            if (!(purpose >= 0 && purpose < Draws.PURPOSES)) {
                fail(kind, item, "purpose", purpose);
            }
            if (!(index >= 0 && index < Draws.INDICES)) {
                fail(kind, item, "index", index);
            }
            if (!(slot >= 0 || slot == FAMILY)) {
                fail(kind, item, "slot", slot);
            }
            Family f = keys.computeIfAbsent(Draws.pack(person, year, purpose, index), k -> new Family());
            for (int i = 0; i < f.n; i++) {
                boolean clash = f.slot[i] == FAMILY || slot == FAMILY || (f.slot[i] == slot && (f.half[i] & half) != 0);
                if (clash) {
                    fail(kind, item, "shares slot " + slot + " of its key with " + f.kind[i] + " " + f.item[i]);
                }
            }
            if (f.n == f.slot.length) {
                f.slot = java.util.Arrays.copyOf(f.slot, f.n * 2);
                f.half = java.util.Arrays.copyOf(f.half, f.n * 2);
                f.kind = java.util.Arrays.copyOf(f.kind, f.n * 2);
                f.item = java.util.Arrays.copyOf(f.item, f.n * 2);
            }
            f.slot[f.n] = slot;
            f.half[f.n] = half;
            f.kind[f.n] = kind;
            f.item[f.n] = item;
            f.n++;
            claims++;
        }

        private static void fail(String kind, int item, String field, long value) {
            fail(kind, item, field + " " + value + " out of the key's range");
        }

        private static void fail(String kind, int item, String what) {
            throw new AssertionError(kind + " " + item + ": " + what);
        }
    }

    /** Every draw a household of this shape can make, event numbers stood for by 0, 1 and the largest. */
    static Claims enumerate(Shape s) {
        Claims c = new Claims();
        int na = s.attributes();
        int nb = s.behaviours();
        c.claim(0, 0, Draws.COMPOSE, 0, Draws.SIZE, HIGH, "adults", 0);
        c.claim(0, 0, Draws.COMPOSE, 0, Draws.SIZE, LOW, "children", 0);
        for (int a = 0; a < na; a++) {
            c.claim(0, 0, Draws.COMPOSE, 0, Draws.householdAttribute(a), HIGH, "household attribute", a);
        }
        int[] events = {0, 1, Integer.MAX_VALUE};
        for (int p = 0; p < s.persons(); p++) {
            for (int a = 0; a < na; a++) {
                c.claim(p, 0, Draws.PERSON, 0, Draws.personAttribute(a), (a & 1) == 0 ? HIGH : LOW, "attribute", a);
            }
            for (int b = 0; b < nb; b++) {
                c.claim(p, 0, Draws.PERSON, 0, Draws.frailty(na, b), WHOLE, "frailty", b);
                c.claim(p, 0, Draws.PERSON, 0, Draws.count(na, nb, b), (b & 1) == 0 ? HIGH : LOW, "count", b);
                c.claim(p, 0, Draws.POINTS, b, FAMILY, WHOLE, "events of", b);
            }
            c.claim(p, 0, Draws.PERSON, 0, Draws.incomingCount(na, nb), WHOLE, "incoming count", 0);
            for (int b = 0; b <= nb; b++) {
                c.claim(p, 0, Draws.LARGE_COUNT, b, FAMILY, WHOLE, "large count", b);
            }
            for (int b = 0; b < nb; b++) {
                for (int i : events) {
                    long index = Draws.detectedIndex(b, i);
                    assertThat(index >>> 32).isEqualTo(b);
                    assertThat(index & 0xFFFFFFFFL).isEqualTo(i);
                    for (int j = 0; j < s.entries()[b]; j++) {
                        c.claim(p, 0, Draws.DETECTED, index, Draws.detection(j), WHOLE, "detection entry", j);
                        c.claim(p, 0, Draws.DETECTED, index, Draws.falseMatch(j), WHOLE, "false match", j);
                    }
                    for (int l = 0; l < s.lists(); l++) {
                        c.claim(p, 0, Draws.DETECTED, index, Draws.listStay(l), WHOLE, "stay on list", l);
                    }
                }
            }
            for (int i : events) {
                c.claim(p, 0, Draws.INCOMING_EVENT, i, Draws.EVENT_TIME, WHOLE, "received event's instant", 0);
                c.claim(p, 0, Draws.INCOMING_EVENT, i, Draws.EVENT_PAIR, WHOLE, "received event's pair", 0);
                for (int l = 0; l < s.lists(); l++) {
                    c.claim(p, 0, Draws.INCOMING_EVENT, i, Draws.listStay(l), WHOLE, "stay on list", l);
                }
            }
            for (int y = 0; y < s.years(); y++) {
                for (int m = 0; m < s.modes(); m++) {
                    c.claim(p, y, Draws.TRAVEL, m, FAMILY, WHOLE, "blocked purchases of mode", m);
                }
            }
        }
        return c;
    }

    @Test
    void theLargestHouseholdTheValidatorAcceptsDrawsNoNumberTwice() {
        int[] entries = new int[Limits.MAX_BEHAVIOURS];
        java.util.Arrays.fill(entries, Limits.MAX_DETECTIONS);
        Shape largest =
                new Shape(Limits.MAX_HOUSEHOLD, Limits.MAX_YEARS, 64, entries, Limits.MAX_LISTS, Limits.MAX_MODES);
        Claims c = enumerate(largest);
        assertThat(c.claims).isGreaterThan(1_000_000);
    }

    @Test
    void theMapIsSizedForTheValidatorsBounds() {
        assertThat(Limits.MAX_HOUSEHOLD).isLessThanOrEqualTo(Draws.PERSONS);
        assertThat(Limits.MAX_YEARS).isLessThanOrEqualTo(Draws.YEARS);
        // a DETECTED index holds the behaviour above an event number below 2^31
        assertThat(Draws.detectedIndex(Limits.MAX_BEHAVIOURS - 1, Integer.MAX_VALUE))
                .isLessThan(Draws.INDICES);
        assertThat((long) Limits.MAX_BEHAVIOURS).isLessThan(Draws.INDICES);
        // the list stays fill the gap between the early and the late detection entries
        assertThat(Draws.detection(Draws.EARLY_ENTRIES - 1) + 1).isEqualTo(Draws.LIST_STAY - 1);
        assertThat(Draws.listStay(Limits.MAX_LISTS - 1)).isEqualTo(Draws.detection(Draws.EARLY_ENTRIES) - 1);
        // the fields of a key take disjoint bits
        long person = (long) (Draws.PERSONS - 1) << Draws.PERSON_SHIFT;
        long year = Draws.pack(0, Draws.YEARS - 1, 0, 0);
        long purpose = (long) (Draws.PURPOSES - 1) << Draws.PURPOSE_SHIFT;
        long index = Draws.INDICES - 1;
        long[] fields = {person, year, purpose, index};
        for (int i = 0; i < fields.length; i++) {
            for (int j = i + 1; j < fields.length; j++) {
                assertThat(fields[i] & fields[j]).as("fields %d and %d", i, j).isZero();
            }
        }
        assertThat(Long.bitCount(person) + Long.bitCount(year) + Long.bitCount(purpose) + Long.bitCount(index))
                .isEqualTo(64);
    }

    @Test
    void keysOfYearsBelow256AreThoseOfTheEightBitYearField() {
        for (int y : new int[] {0, 1, 7, 255}) {
            long before = (5L << 56) | ((long) y << 48) | (9L << 40) | 3;
            assertThat(Draws.pack(5, y, 9, 3)).isEqualTo(before);
        }
        // the collision the eight-bit field had: person 0's year 256 was person 1's year 0
        assertThat(Draws.pack(0, 256, Draws.TRAVEL, 0)).isNotEqualTo(Draws.pack(1, 0, Draws.TRAVEL, 0));
    }

    @Test
    void detectionEntriesBeforeTheTwentiethKeepTheirSlots() {
        for (int j = 0; j < Draws.EARLY_ENTRIES; j++) {
            assertThat(Draws.detection(j)).isEqualTo(2 + 2 * j);
        }
        for (int l = 0; l < Limits.MAX_LISTS; l++) {
            assertThat(Draws.listStay(l)).isEqualTo(40 + l);
        }
    }

    @Property(tries = 40)
    void noHouseholdShapeDrawsANumberTwice(@ForAll("shapes") Shape shape) {
        enumerate(shape);
    }

    @Property(tries = 1000)
    void packingIsInjective(
            @ForAll @IntRange(min = 0, max = 255) int person,
            @ForAll @IntRange(min = 0, max = 511) int year,
            @ForAll @IntRange(min = 0, max = 255) int purpose,
            @ForAll("indices") long index) {
        long k = Draws.pack(person, year, purpose, index);
        assertThat(k >>> Draws.PERSON_SHIFT).isEqualTo(person);
        assertThat(((k >>> Draws.YEAR_SHIFT) & 0xFF) | (((k >>> Draws.YEAR_HIGH_SHIFT) & 1) << 8))
                .isEqualTo(year);
        assertThat((k >>> Draws.PURPOSE_SHIFT) & 0xFF).isEqualTo(purpose);
        assertThat(k & (Draws.INDICES - 1)).isEqualTo(index);
    }

    @Provide
    Arbitrary<Long> indices() {
        return Arbitraries.longs().between(0, Draws.INDICES - 1);
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<int[]> entries = Arbitraries.integers()
                .between(0, Limits.MAX_DETECTIONS)
                .array(int[].class)
                .ofMinSize(0)
                .ofMaxSize(Limits.MAX_BEHAVIOURS);
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.integers().between(1, Limits.MAX_HOUSEHOLD),
                        Arbitraries.integers().between(1, Limits.MAX_YEARS),
                        Arbitraries.integers().between(0, 200),
                        entries,
                        Arbitraries.integers().between(0, Limits.MAX_LISTS),
                        Arbitraries.integers().between(0, Limits.MAX_MODES))
                .as((p, y, a, e, l, m) -> new Shape(p, y, a, e, l, m));
    }
}

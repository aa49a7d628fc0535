package org.scoresim.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A figure that a run measures, per year: its name (as in summary.json, the results database and
 * every command that takes {@code --metric}), the unit it counts, the items it is reported for, its
 * definition and its label in the console table. The engine counts each metric; the sinks (summary,
 * results database, console table, report, dashboard) list them in this order.
 *
 * <p>Adding a metric is this declaration plus its computation in the engine's kernel (CONTRIBUTING.md).
 */
public enum Metric {
    POPULATION("population", Unit.PEOPLE, Items.NONE, "people", "people represented"),
    OFFENCES("offences", Unit.EVENTS, Items.BEHAVIOURS, "offences", "events committed, by behaviour"),
    DETECTED(
            "detected",
            Unit.EVENTS,
            Items.BEHAVIOURS,
            "detected",
            "events registered by some channel (attributed to their author or misattributed), by behaviour"),
    MISATTRIBUTED(
            "misattributed",
            Unit.EVENTS,
            Items.BEHAVIOURS,
            "attributed to the wrong person",
            "events attributed to someone who did not commit them, by behaviour"),
    FINES(
            "fines",
            Unit.YUAN,
            Items.BEHAVIOURS,
            "fines",
            "fines charged: the behaviour's fine times its attributed events where scoring was active"),
    TIER_END("tier_end", Unit.PEOPLE, Items.TIERS, "", "people in the tier at year end"),
    SANCTIONED(
            "sanctioned",
            Unit.PEOPLE,
            Items.SANCTIONS,
            "",
            "distinct people for whom the sanction was active at any instant of the year"),
    SANCTIONED_NEW(
            "sanctioned_new",
            Unit.PEOPLE,
            Items.SANCTIONS,
            "new",
            "people for whom the sanction began during the year"),
    SANCTIONED_END(
            "sanctioned_end",
            Unit.PEOPLE,
            Items.SANCTIONS,
            "at year end",
            "people with the sanction active at year end"),
    WRONGFUL(
            "wrongful",
            Unit.PEOPLE,
            Items.SANCTIONS,
            "wrongfully",
            "people counted in sanctioned who, simulated again with the same draws but without the events"
                    + " misattributed to them, would not have had the sanction at any instant of the year"),
    CHILDREN_AFFECTED(
            "children_affected",
            Unit.PEOPLE,
            Items.SANCTIONS,
            "children affected",
            "children for whom the sanction was active at any instant of the year (their own, or one that lands on the children of sanctioned adults)"),
    BLOCKED(
            "blocked",
            Unit.PURCHASE_ATTEMPTS,
            Items.MODES,
            "",
            "ticket purchase attempts refused in the year (cumulative official figures are sums over years)"),
    LISTED_END("listed_end", Unit.PEOPLE, Items.LISTS, "on list at year end", "people on the list at year end"),
    LISTED_NEW("listed_new", Unit.PEOPLE, Items.LISTS, "entries", "entries onto the list during the year"),
    DELISTED("delisted", Unit.PEOPLE, Items.LISTS, "exits", "exits from the list during the year"),
    EVER_LISTED(
            "ever_listed",
            Unit.PEOPLE,
            Items.LISTS,
            "ever listed",
            "distinct people listed at any time from the first year up to the year end"),
    LOCKED_IN(
            "locked_in",
            Unit.PEOPLE,
            Items.NONE,
            "locked in lowest tier 3 years",
            "people in the lowest tier at each of the last 3 year ends"),
    TRAVEL_BANNED(
            "travel_banned",
            Unit.PEOPLE,
            Items.NONE,
            "under any travel ban (distinct)",
            "distinct people under a sanction that blocks some travel mode at any instant of the year"),
    REWARDED(
            "rewarded",
            Unit.PEOPLE,
            Items.REWARDS,
            "",
            "distinct people for whom the reward was active at any instant of the year"),
    REWARDED_NEW("rewarded_new", Unit.PEOPLE, Items.REWARDS, "new", "people for whom the reward began during the year"),
    REWARDED_END(
            "rewarded_end", Unit.PEOPLE, Items.REWARDS, "at year end", "people with the reward active at year end");

    /** What a metric counts. */
    public enum Unit {
        PEOPLE("people"),
        EVENTS("events"),
        PURCHASE_ATTEMPTS("purchase attempts"),
        YUAN("yuan");

        private final String word;

        Unit(String word) {
            this.word = word;
        }

        /** The unit in words, as tables and documents print it. */
        public String word() {
            return word;
        }
    }

    /** The scenario's names a metric is reported for. */
    public enum Items {
        /** One figure, item "". */
        NONE("item"),
        BEHAVIOURS("behaviour"),
        TIERS("tier"),
        SANCTIONS("sanction"),
        REWARDS("reward"),
        MODES("travel mode"),
        LISTS("list");

        private final String noun;

        Items(String noun) {
            this.noun = noun;
        }

        /** What one item is, as messages name it ("unknown travel mode 'flights'"). */
        public String noun() {
            return noun;
        }

        /** The items of this kind in a scenario, in the scenario's order. */
        public List<String> of(Scenario s) {
            return switch (this) {
                case NONE -> List.of("");
                case BEHAVIOURS -> List.copyOf(s.behaviours().keySet());
                case TIERS ->
                    s.scoring().tiers().stream().map(Scenario.Tier::name).toList();
                case SANCTIONS -> List.copyOf(s.sanctions().keySet());
                case REWARDS -> List.copyOf(s.rewards().keySet());
                case MODES -> List.copyOf(s.travel().keySet());
                case LISTS -> List.copyOf(s.lists().keySet());
            };
        }
    }

    private static final List<Metric> ALL = List.of(values());
    private static final List<String> NAMES = ALL.stream().map(Metric::key).toList();

    private final String key;
    private final Unit unit;
    private final Items items;
    private final String label;
    private final String definition;

    Metric(String key, Unit unit, Items items, String label, String definition) {
        this.key = key;
        this.unit = unit;
        this.items = items;
        this.label = label;
        this.definition = definition;
    }

    /** The metric's name in every output and option ({@code sanctioned}, {@code tier_end}, ...). */
    public String key() {
        return key;
    }

    public Unit unit() {
        return unit;
    }

    /** The kind of items it is reported for. */
    public Items items() {
        return items;
    }

    /** The items it is reported for in a scenario ("" alone for a metric without items). */
    public List<String> items(Scenario s) {
        return items.of(s);
    }

    /** Its one-line definition. */
    public String definition() {
        return definition;
    }

    /** Its row label in the console table, after the item's name ("" when the item's name says it). */
    public String label() {
        return label;
    }

    /** The label of (metric, item): "jaywalking: offences", "people", or the item's name alone. */
    public String label(String item) {
        if (item.isEmpty()) {
            return label;
        }
        return label.isEmpty() ? item : item + ": " + label;
    }

    /** Every metric, in output order. */
    public static List<Metric> all() {
        return ALL;
    }

    /** Every metric's name, in output order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The metric of this name, if any. */
    public static Optional<Metric> named(String name) {
        return Arrays.stream(values()).filter(m -> m.key.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}

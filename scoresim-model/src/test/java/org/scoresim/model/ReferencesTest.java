package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scoresim.model.Fixtures.assertOnly;
import static org.scoresim.model.Fixtures.edit;
import static org.scoresim.model.Fixtures.problems;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names that must exist, name rules, the engine's limits on block sizes. */
class ReferencesTest {

    @Test
    void detectionChannelMustExist() {
        assertOnly(
                edit("{channel: cameras, probability: 0.8}", "{channel: camera, probability: 0.8}"),
                "camera,",
                "behaviours.jaywalking.detection[0].channel",
                "unknown channel 'camera'; did you mean 'cameras'?");
    }

    @Test
    void detectionChannelOncePerBehaviour() {
        assertOnly(
                edit(
                        "      - {channel: cameras, probability: 0.8}\n",
                        "      - {channel: cameras, probability: 0.8}\n      - {channel: cameras, probability: 0.1}\n"),
                "cameras, probability: 0.1",
                "behaviours.jaywalking.detection[1].channel",
                "channel 'cameras' is listed twice");
    }

    @Test
    void behaviourListsMustExist() {
        assertOnly(
                edit("    lists: [court_blacklist]", "    lists: [court_blacklist, court_blaklist]"),
                "court_blaklist",
                "behaviours.debt_default.lists[1]",
                "unknown list 'court_blaklist'; did you mean 'court_blacklist'?");
        assertOnly(
                edit("    lists: [court_blacklist]", "    lists: [tax_blacklist]"),
                "tax_blacklist",
                "behaviours.debt_default.lists[0]",
                "unknown list 'tax_blacklist'; expected one of court_blacklist");
        assertOnly(
                edit("    lists: [court_blacklist]", "    lists: [court_blacklist, court_blacklist]"),
                "court_blacklist]",
                "behaviours.debt_default.lists[1]",
                "list 'court_blacklist' is named twice");
    }

    @Test
    void whenTiersListsAndBehavioursMustExist() {
        assertOnly(
                edit("school_restriction: {when: {tiers: [C]}", "school_restriction: {when: {tiers: [D]}"),
                "D]",
                "sanctions.school_restriction.when.tiers[0]",
                "unknown tier 'D'; expected one of A, B, C");
        assertOnly(
                edit("{when: {tiers: [C], lists: [court_blacklist]}}", "{when: {tiers: [C], lists: [court_list]}}"),
                "court_list",
                "sanctions.flight_ban.when.lists[0]",
                "unknown list 'court_list'");
        assertOnly(
                edit("behaviours: [smoking_on_train]", "behaviours: [smoking]"),
                "smoking]",
                "sanctions.hsr_ban.when.behaviours[0]",
                "unknown behaviour 'smoking'");
    }

    @Test
    void referenceToAnAbsentBlock() {
        String t = edit(
                "lists:\n  court_blacklist: {active_from: 2013, exit_rate: 0.3, min_years: 1, max_years: 5}\n", "");
        List<Problem> p = problems(t);
        assertThat(p)
                .extracting(Problem::path)
                .containsExactly(
                        "behaviours.debt_default.lists[0]",
                        "sanctions.flight_ban.when.lists[0]",
                        "sanctions.hsr_ban.when.lists[0]");
        assertThat(p.get(0).message()).isEqualTo("unknown list 'court_blacklist'; the scenario declares no lists");
    }

    @Test
    void brokenBlockRaisesNoFollowOnProblems() {
        String t = edit("channels:\n  cameras:", "channels: 7\nold_channels:\n  cameras:");
        List<Problem> p = problems(t);
        assertThat(p).extracting(Problem::path).containsExactly("channels", "old_channels");
    }

    @Test
    void travelBlockedByASanction() {
        assertOnly(
                edit("blocked_by: hsr_ban", "blocked_by: train_ban"),
                "train_ban",
                "travel.hsr.blocked_by",
                "unknown sanction 'train_ban'");
        assertOnly(
                edit("blocked_by: hsr_ban", "blocked_by: fast_loans"),
                "fast_loans}",
                "travel.hsr.blocked_by",
                "'fast_loans' is a reward; blocked_by must name a sanction");
        assertOnly(
                edit("blocked_by: hsr_ban", "blocked_by: school_restriction"),
                "school_restriction}",
                "travel.hsr.blocked_by",
                "sanction 'school_restriction' has target: children");
        assertOnly(
                edit("hsr: {trips_per_year: 2.0, blocked_by: hsr_ban}", "hsr: {trips_per_year: 2.0}"),
                "{trips_per_year: 2.0}",
                "travel.hsr.blocked_by",
                "missing key 'blocked_by'");
    }

    @Test
    void multipliersNameAttributesAndValues() {
        assertOnly(
                edit("multipliers: {setting: {urban: 1.5", "multipliers: {settings: {urban: 1.5"),
                "settings",
                "behaviours.jaywalking.multipliers.settings",
                "unknown attribute 'settings'; did you mean 'setting'?");
        assertOnly(
                edit("{setting: {urban: 2.0}}", "{setting: {city: 2.0}}"),
                "city",
                "travel.flight.multipliers.setting.city",
                "unknown value of setting 'city'; expected one of urban, rural");
    }

    @Test
    void householdAttributesNameAttributes() {
        String setting = "    setting: {urban: 0.6, rural: 0.4}\n";
        assertOnly(
                edit(setting, setting + "  household_attributes: [province, setings]\n"),
                "setings",
                "population.household_attributes[1]",
                "unknown attribute 'setings'; did you mean 'setting'?");
        assertOnly(
                edit(setting, setting + "  household_attributes: [province, province]\n"),
                "province]",
                "population.household_attributes[1]",
                "attribute 'province' is named twice");
        assertOnly(
                edit(setting, setting + "  household_attributes: province\n"),
                "province\n",
                "population.household_attributes",
                "a list of attribute names");
    }

    @Test
    void householdAttributesDefaultToProvinceAndSettingInTheAttributesOrder() throws Exception {
        String setting = "    setting: {urban: 0.6, rural: 0.4}\n";
        assertThat(ScenarioParser.parse(Fixtures.minimal(), Fixtures.FILE)
                        .population()
                        .householdAttributes())
                .containsExactly("province", "setting");
        Scenario s = ScenarioParser.parse(
                edit(setting, setting + "    income: {low: 1, high: 1}\n  household_attributes: [income, province]\n"),
                Fixtures.FILE);
        assertThat(s.population().householdAttributes()).containsExactly("province", "income");
        assertThat(s.population().ofHousehold("setting")).isFalse();
        // written back only when it differs from the default, so other scenarios keep their hash
        assertThat(ScenarioWriter.toYaml(s)).contains("household_attributes: [province, income]");
        assertThat(ScenarioParser.parse(ScenarioWriter.toYaml(s), Fixtures.FILE))
                .isEqualTo(s);
        assertThat(ScenarioWriter.toYaml(ScenarioParser.parse(Fixtures.minimal(), Fixtures.FILE)))
                .doesNotContain("household_attributes");
    }

    @Test
    void provincesAreValuesOfTheProvinceAttribute() {
        assertOnly(
                edit("{south: {2013: 0.0", "{sout: {2013: 0.0"),
                "sout:",
                "channels.cameras.coverage_by_province.sout",
                "unknown province 'sout'; did you mean 'south'?");
        assertOnly(
                edit("provinces: {north: 2013}", "provinces: {east: 2013}"),
                "east",
                "rollout.provinces.east",
                "unknown province 'east'");
    }

    @Test
    void provincesNeedTheProvinceAttribute() {
        List<Problem> p =
                problems(edit("    province: {north: 0.5, south: 0.5}\n", "    region: {north: 0.5, south: 0.5}\n"));
        assertThat(p)
                .extracting(Problem::path)
                .containsExactly("channels.cameras.coverage_by_province", "rollout.provinces");
        assertThat(p)
                .extracting(Problem::message)
                .allMatch(m -> m.equals("provinces need the attribute 'province' in population.attributes"));
        assertThat(p.get(0).line()).isEqualTo(16);
    }

    @Test
    void namesFollowTheNameRule() {
        String t = edit(
                "  volunteering:\n", "  9lives:\n    who: adults\n    rate: 0.1\n    points: 1\n  volunteering:\n");
        assertOnly(
                t,
                "9lives",
                "behaviours.9lives",
                "a behaviour name must start with a letter and contain only letters, digits");
        assertOnly(
                edit("{name: B, min: 900}", "{name: \"B+\", min: 900}"),
                "\"B+\"",
                "scoring.tiers[1].name",
                "a tier name must start with a letter");
        assertOnly(
                edit("  flight: {", "  \"air travel\": {"),
                "\"air travel\"",
                "travel.air travel",
                "a travel mode name must");
    }

    @Test
    void sanctionAndRewardNamesDiffer() {
        assertOnly(
                edit("  fast_loans: {when", "  flight_ban: {when"),
                "flight_ban: {when: {tiers: [A]",
                "rewards.flight_ban",
                "'flight_ban' is already the name of a sanction");
    }

    @Test
    void limitsOnBlockSizes() {
        assertOnly(
                withMany("behaviours:\n", "  b%d: {who: adults, rate: 0.1, points: 1}\n", 61),
                "b0:",
                "behaviours",
                "at most 64 behaviours allowed, got 65");
        assertOnly(
                withMany("channels:\n", "  c%d: {coverage: 0.5}\n", 62),
                "c0:",
                "channels",
                "at most 64 channels allowed, got 65");
        assertOnly(withMany("lists:\n", "  l%d: {}\n", 32), "l0:", "lists", "at most 32 lists allowed, got 33");
        assertOnly(
                withMany("rewards:\n", "  r%d: {when: {tiers: [A]}}\n", 61),
                "r0:",
                "rewards",
                "at most 64 sanctions and rewards together allowed, got 65");
        assertOnly(
                withMany("travel:\n", "  m%d: {trips_per_year: 1, blocked_by: flight_ban}\n", 15),
                "m0:",
                "travel",
                "at most 16 travel modes allowed, got 17");
        StringBuilder tiers = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            tiers.append("    - {name: T")
                    .append(i)
                    .append(", min: ")
                    .append(-1 - i)
                    .append("}\n");
        }
        String t = edit("min: 0\n  max", "min: -30\n  max");
        t = edit(t, "    - {name: C, min: 0}\n", "    - {name: C, min: 0}\n" + tiers);
        assertOnly(t, "- {name: A", "scoring.tiers", "at most 32 tiers allowed, got 33");
    }

    /** The minimal scenario with {@code count} more entries, from {@code format}, at the start of a block. */
    private static String withMany(String block, String format, int count) {
        StringBuilder b = new StringBuilder(block);
        for (int i = 0; i < count; i++) {
            b.append(String.format(format, i));
        }
        return edit(block, b.toString());
    }

    @Test
    void allProblemsOfAFileInFileOrder() {
        String t = edit("size: 1000000", "size: -1");
        t = edit(t, "    false_match: 0.001", "    false_mach: 0.001");
        t = edit(t, "probability: 0.8", "probability: 8");
        t = edit(t, "{name: B, min: 900}", "{name: B, min: 9000}");
        t = edit(t, "blocked_by: hsr_ban", "blocked_by: train_ban");
        List<Problem> p = problems(t);
        assertThat(p).extracting(Problem::line).containsExactly(5, 17, 31, 65, 85);
        assertThat(p)
                .extracting(Problem::path)
                .containsExactly(
                        "population.size",
                        "channels.cameras.false_mach",
                        "behaviours.jaywalking.detection[0].probability",
                        "scoring.tiers[1].min",
                        "travel.hsr.blocked_by");
        assertThat(p)
                .allMatch(x -> x.file().equals(Fixtures.FILE)
                        && x.column() > 0
                        && !x.message().isEmpty());
    }
}

package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The scenario reference (docs/SCENARIO.md) describes exactly the keys the parser accepts: the keys
 * of every row in its tables headed {@code key}, against the readers' lists of allowed keys, block
 * by block.
 */
class ScenarioReferenceTest {
    private static final Path PAGE = ReferenceTables.DOCS.resolve("SCENARIO.md");

    /**
     * Each block's key path as the page writes it ({@code *}: a name the file chooses, {@code []}: an
     * item of a list) and the list of keys its reader allows there.
     */
    private static final List<Map.Entry<String, List<String>>> BLOCKS = List.of(
            Map.entry("", ScenarioReader.TOP),
            Map.entry("years", ScenarioReader.YEARS_KEYS),
            Map.entry("population", ScenarioReader.POPULATION_KEYS),
            Map.entry("population.households", ScenarioReader.HOUSEHOLDS_KEYS),
            Map.entry("channels.*", BehaviourReader.CHANNEL_KEYS),
            Map.entry("behaviours.*", BehaviourReader.BEHAVIOUR_KEYS),
            Map.entry("behaviours.*.detection[]", BehaviourReader.DETECTION_KEYS),
            Map.entry("rollout", ScenarioReader.ROLLOUT_KEYS),
            Map.entry("scoring", ScenarioReader.SCORING_KEYS),
            Map.entry("scoring.recovery", ScenarioReader.RECOVERY_KEYS),
            Map.entry("scoring.tiers[]", ScenarioReader.TIER_KEYS),
            Map.entry("lists.*", ScenarioReader.LIST_KEYS),
            Map.entry("sanctions.*", MeasureReader.MEASURE_KEYS),
            Map.entry("sanctions.*.when", MeasureReader.WHEN_KEYS),
            Map.entry("rewards.*", MeasureReader.MEASURE_KEYS),
            Map.entry("rewards.*.when", MeasureReader.WHEN_KEYS),
            Map.entry("travel.*", MeasureReader.MODE_KEYS),
            Map.entry("claims.*", ClaimReader.KEYS),
            Map.entry("claims.*.beside[]", ClaimReader.BESIDE_KEYS),
            // a variant's top level
            Map.entry("", Overlay.KEYS),
            // a targets file of calibrate
            Map.entry("", TargetsParser.TOP),
            Map.entry("targets[]", TargetsParser.FIGURE_KEYS),
            Map.entry("checks[]", TargetsParser.FIGURE_KEYS),
            Map.entry("free[]", TargetsParser.FREE_KEYS));

    /** The classes that read a file with fixed keys: their lists of allowed keys are named {@code TOP} or {@code *KEYS}. */
    private static final List<Class<?>> READERS = List.of(
            ScenarioReader.class,
            BehaviourReader.class,
            MeasureReader.class,
            ClaimReader.class,
            Overlay.class,
            TargetsParser.class);

    private static Set<String> parserKeys() {
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, List<String>> block : BLOCKS) {
            for (String key : block.getValue()) {
                keys.add(block.getKey().isEmpty() ? key : block.getKey() + "." + key);
            }
        }
        return keys;
    }

    private static Set<String> documentedKeys() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (List<String> row : ReferenceTables.rows(PAGE, "key")) {
            String key = ReferenceTables.code(row.get(0));
            assertThat(key)
                    .as("the first cell of every row of a key table is a key path in backquotes: %s", row)
                    .isNotNull();
            assertThat(keys.add(key)).as("%s is described twice", key).isTrue();
        }
        return keys;
    }

    @Test
    void thePageDescribesEveryKeyTheParserAcceptsAndNoOther() throws Exception {
        Set<String> parser = parserKeys();
        Set<String> page = documentedKeys();
        Set<String> undocumented = new TreeSet<>(parser);
        undocumented.removeAll(page);
        Set<String> unknown = new TreeSet<>(page);
        unknown.removeAll(parser);
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(undocumented)
                    .as("keys the parser accepts that docs/SCENARIO.md does not describe")
                    .isEmpty();
            soft.assertThat(unknown)
                    .as("keys docs/SCENARIO.md describes that the parser does not accept")
                    .isEmpty();
        });
    }

    @Test
    void everyReadersListOfAllowedKeysIsComparedWithThePage() throws Exception {
        Set<List<String>> compared = Collections.newSetFromMap(new IdentityHashMap<>());
        BLOCKS.forEach(b -> compared.add(b.getValue()));
        List<String> missing = new ArrayList<>();
        for (Class<?> reader : READERS) {
            for (Field f : reader.getDeclaredFields()) {
                boolean keyList = Modifier.isStatic(f.getModifiers())
                        && List.class.isAssignableFrom(f.getType())
                        && (f.getName().equals("TOP") || f.getName().endsWith("KEYS"));
                if (keyList) {
                    f.setAccessible(true);
                    if (!compared.contains(f.get(null))) {
                        missing.add(reader.getSimpleName() + "." + f.getName());
                    }
                }
            }
        }
        assertThat(missing).as("lists of allowed keys that BLOCKS leaves out").isEmpty();
    }

    /** A block's allowed keys written inline would escape the comparison: each reader names them in a constant. */
    @Test
    void readersPassNamedListsOfAllowedKeys() throws Exception {
        Path sources = Fixtures.SCENARIOS.resolveSibling("scoresim-model").resolve("src/main/java/org/scoresim/model");
        Pattern block = Pattern.compile("\\.block\\(([^;]*?)\\);", Pattern.DOTALL);
        List<String> inline = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = block.matcher(Files.readString(f));
                while (m.find()) {
                    if (m.group(1).contains("List.of(")) {
                        inline.add(f.getFileName() + ": " + m.group(1).replaceAll("\\s+", " "));
                    }
                }
            }
        }
        assertThat(inline).isEmpty();
    }
}

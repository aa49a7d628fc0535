package org.scoresim.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/**
 * The scenarios shipped in {@code scenarios/*.yaml} of the project home (not the calibration
 * targets of {@code scenarios/targets/}), named by their file name without {@code .yaml}.
 */
final class BundledScenarios {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private record Entry(FileTime modified, Map<String, Object> listing) {}

    private final Path dir;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    BundledScenarios(Path dir) {
        this.dir = dir;
    }

    /** {@code [{"name", "description", "people", "years": {"from", "to"}}]} sorted by name. */
    List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p ->
                            Files.isRegularFile(p) && p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return out;
        }
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (NAME.matcher(name).matches()) {
                out.add(listing(name, f));
            }
        }
        return out;
    }

    private Map<String, Object> listing(String name, Path file) {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            modified = FileTime.fromMillis(0);
        }
        Entry e = cache.get(name);
        if (e != null && e.modified().equals(modified)) {
            return e.listing();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        try {
            Scenario s = ScenarioParser.parse(file);
            m.put("description", s.description());
            m.put("people", s.population().size());
            m.put("sample", s.sample()); // the scenario's own default sample, or null
            m.put("years", years(s));
            m.put("valid", true);
        } catch (ScenarioException ex) {
            m.put("description", null);
            m.put("valid", false);
        }
        cache.put(name, new Entry(modified, m));
        return m;
    }

    static Map<String, Object> years(Scenario s) {
        Map<String, Object> y = new LinkedHashMap<>();
        y.put("from", s.years().from());
        y.put("to", s.years().to());
        return y;
    }

    boolean exists(String name) {
        return name != null && NAME.matcher(name).matches() && Files.isRegularFile(dir.resolve(name + ".yaml"));
    }

    /** The YAML text of a bundled scenario; empty for a name that is not one. */
    Optional<String> text(String name) {
        if (!exists(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(dir.resolve(name + ".yaml"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A scenario's text (a draft, or a bundled scenario's own): a base it names is looked up among
     * the bundled scenarios, never outside their folder.
     */
    Scenario read(String yaml, String fileName) throws ScenarioException {
        return ScenarioParser.parse(yaml, fileName, Map.of(), dir);
    }

    /** The path the CLI would be given, for file names in messages. */
    String fileName(String name) {
        return "scenarios/" + name + ".yaml";
    }
}

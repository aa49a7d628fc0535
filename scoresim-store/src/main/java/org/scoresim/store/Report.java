package org.scoresim.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scoresim.engine.explain.Explain;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Audit;
import org.scoresim.engine.results.ClaimFigures;
import org.scoresim.engine.results.Interval;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;
import org.scoresim.model.Metric;

/**
 * {@code OUT/report.html}: one self-contained page (no network) that shows a newcomer what a run
 * found: headline figures, sanctions and blocked purchases over time, tiers, scores, rates by
 * province and attribute, the audit (docs/MODEL.md 7) and three sampled people's stories. The page is a
 * template ({@code report.html} beside this class) with the ECharts library and the run's figures
 * inlined as JSON; the charts are drawn by the browser.
 */
public final class Report {
    /** The file name inside a run directory. */
    public static final String FILE = "report.html";

    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Report() {}

    public static void write(Results r, String version, Path file) throws IOException {
        Files.writeString(file, html(r, version), StandardCharsets.UTF_8);
    }

    /** The page's text. */
    public static String html(Results r, String version) {
        String template = resource("report.html", Report.class);
        String data;
        try {
            data = JSON.writeValueAsString(data(r, version));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's data: " + e.getMessage(), e);
        }
        // inside <script>, "</script" ends the element and "<!--" changes how it is parsed: no "<" at all
        // (it only occurs inside JSON strings, where \u003c means the same)
        data = data.replace("<", "\\u003c");
        String library = resource(ECHARTS, null);
        if (library.contains("</script")) {
            throw new IllegalStateException(ECHARTS + " cannot be inlined: it contains '</script'");
        }
        return template.replace("@TITLE@", escape("scoresim report: " + r.scenarioName()))
                .replace("/*@ECHARTS@*/", library)
                .replace("/*@DATA@*/null", data);
    }

    /** Everything the page's script draws, in the shapes it reads. */
    static Map<String, Object> data(Results r, String version) {
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("scenario", r.scenarioName());
        meta.put("description", r.scenario().description());
        meta.put("run_id", ResultsDatabase.runId(r));
        meta.put("seed", r.seed());
        meta.put("sample", r.sample());
        meta.put("households", r.households());
        meta.put("people", r.people());
        meta.put("engine", r.engine());
        meta.put("version", version);
        meta.put("seconds", r.seconds());
        d.put("meta", meta);
        List<Integer> years = new ArrayList<>();
        List<Object> national = new ArrayList<>();
        List<Object> audit = new ArrayList<>();
        List<Object> rates = new ArrayList<>();
        List<Object> hist = new ArrayList<>();
        List<Object> intervals = new ArrayList<>();
        List<Object> simulated = new ArrayList<>();
        for (int y = 0; y < r.years(); y++) {
            years.add(r.firstYear() + y);
            national.add(Summary.year(r, y));
            if (r.sample() < 1) { // the intervals' bands and the marks of figures resting on few
                intervals.add(Summary.intervals(r, y));
                simulated.add(Summary.simulated(r, y));
            }
            audit.add(Audit.of(r, y));
            rates.add(rates(r, y));
            long[] bins = r.scoreHistogram(y);
            long[] scaled = new long[bins.length];
            for (int i = 0; i < bins.length; i++) {
                scaled[i] = r.scale(bins[i]);
            }
            hist.add(scaled);
        }
        d.put("years", years);
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("behaviours", r.behaviours());
        // behaviours that earn points are good deeds, not offences
        names.put(
                "good_deeds",
                r.behaviours().stream()
                        .filter(b -> r.scenario().behaviours().get(b).points() > 0)
                        .toList());
        names.put("sanctions", r.sanctions());
        names.put("rewards", r.rewards());
        names.put("tiers", r.tiers());
        names.put("lists", r.lists());
        names.put("modes", r.modes());
        names.put("attributes", r.attributes());
        d.put("names", names);
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Metric m : Metric.all()) {
            metrics.put(m.key(), Map.of("unit", m.unit().word(), "definition", m.definition()));
        }
        d.put("metrics", metrics);
        d.put("national", national);
        d.put("interval95", r.sample() < 1 ? intervals : null);
        d.put("simulated", r.sample() < 1 ? simulated : null);
        d.put("few", Interval.FEW);
        d.put("main_sanction", mainSanction(r));
        d.put(
                "tier_min",
                r.scenario().scoring().tiers().stream().map(t -> t.min()).toList());
        d.put("score_bin_low", r.scoreBinLow());
        d.put("score_hist", hist);
        d.put("rates", rates);
        d.put("audit", audit);
        d.put("lock_in", lockIn(r));
        d.put("four_fifths", Audit.FOUR_FIFTHS);
        d.put("claims", ClaimFigures.maps(r));
        d.put("stories", stories(r));
        return d;
    }

    /** The sanction that reached the most people over the run (the first on a tie); null when none. */
    static String mainSanction(Results r) {
        String best = null;
        long most = -1;
        for (String s : r.sanctions()) {
            long sum = 0;
            for (int y = 0; y < r.years(); y++) {
                sum += r.raw(y, "sanctioned", s);
            }
            if (sum > most) {
                most = sum;
                best = s;
            }
        }
        return best;
    }

    /**
     * Lock-in per group and year (the audit table's lowest_tier_years and locked_in, docs/OUTPUTS.md):
     * per year, attribute and group, the year ends in the lowest tier per member so far and the people
     * in the lowest tier at each of the last 3 year ends. They do not depend on the sanction.
     */
    static List<Object> lockIn(Results r) {
        List<Object> out = new ArrayList<>();
        for (int y = 0; y < r.years(); y++) {
            out.add(new LinkedHashMap<String, Object>());
        }
        for (Audit.Row row : Audit.rows(r, Audit.Options.DEFAULT)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> year = (Map<String, Object>) out.get(row.year() - r.firstYear());
            @SuppressWarnings("unchecked")
            Map<String, Object> groups =
                    (Map<String, Object>) year.computeIfAbsent(row.attribute(), k -> new LinkedHashMap<>());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("lowest_tier_years", row.lowestTierYears());
            e.put("locked_in", row.lockedIn());
            groups.putIfAbsent(row.group(), e);
        }
        return out;
    }

    /** Per attribute and value: raw population and raw people under each sanction (rates are their ratios). */
    private static Map<String, Object> rates(Results r, int y) {
        Map<String, Object> byAttribute = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> a : r.attributes().entrySet()) {
            Map<String, Object> byValue = new LinkedHashMap<>();
            for (String v : a.getValue()) {
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("population", r.raw(y, a.getKey(), v, "population", ""));
                Map<String, Long> sanctioned = new LinkedHashMap<>();
                for (String s : r.sanctions()) {
                    sanctioned.put(s, r.raw(y, a.getKey(), v, "sanctioned", s));
                }
                counts.put("sanctioned", sanctioned);
                byValue.put(v, counts);
            }
            byAttribute.put(a.getKey(), byValue);
        }
        return byAttribute;
    }

    /**
     * Three sampled people: one sanctioned, one wrongfully sanctioned, one locked in (else from the
     * other categories). Adults first: a child's sanction comes from a parent's record, which the
     * child's own story does not show.
     */
    private static List<Object> stories(Results r) {
        Set<Long> chosen = new LinkedHashSet<>();
        List<Object> out = new ArrayList<>();
        Plan plan = Plan.compile(r.scenario(), r.seed(), r.sample());
        for (boolean adultsOnly : new boolean[] {true, false}) {
            for (String category : List.of("sanctioned", "wrongful", "locked_in", "rewarded")) {
                for (long id : r.stories(category)) {
                    if (out.size() == 3
                            || out.stream()
                                    .anyMatch(
                                            o -> ((Map<?, ?>) o).get("category").equals(category))) {
                        break;
                    }
                    Map<String, Object> story = Explain.person(plan, id);
                    Object role = ((Map<?, ?>) ((List<?>) story.get("people")).get(0)).get("role");
                    if ((!adultsOnly || "adult".equals(role)) && chosen.add(id)) {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("category", category);
                        s.put("id", id);
                        s.put("text", Explain.text(story));
                        // the same life as data, for the page's timeline and year table
                        s.put("person", ((List<?>) story.get("people")).get(0));
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String resource(String name, Class<?> near) {
        try (InputStream in = near != null
                ? near.getResourceAsStream(name)
                : Report.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.scoresim.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.scoresim.engine.explain.Explain;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Audit;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;
import org.scoresim.model.ScenarioWriter;
import org.scoresim.store.AuditRows;
import org.scoresim.store.ResultsDatabase;
import org.scoresim.store.ResultsFile;

/**
 * The runs of the API: start, list, watch (server-sent events), cancel, and read a finished run's
 * summary, metrics rows, score histogram, story samples, files and people. Figures of runs done by
 * this process come from their {@link Results} (the last few are kept in memory), older ones from
 * the run's files and its {@link ResultsFile}.
 */
final class RunsApi {
    private static final Pattern PERSON = Pattern.compile("[0-9]{1,18}");
    private static final Map<String, String> FILES = Map.of(
            "summary.json",
            "application/json",
            "report.html",
            "text/html; charset=utf-8",
            "scenario.yaml",
            "text/yaml; charset=utf-8",
            ResultsDatabase.FILE,
            "application/octet-stream");
    private static final int KEEP_RESULTS = 8;

    private final Settings settings;
    private final RunsDirectory runs;
    private final BundledScenarios bundled;
    private final RunQueue queue;
    private final Map<String, Run> index = new ConcurrentHashMap<>();
    private final Map<String, Results> recent = lru(KEEP_RESULTS);
    private final Map<String, Plan> plans = lru(4);

    RunsApi(Settings settings, RunsDirectory runs, BundledScenarios bundled, RunQueue queue) {
        this.settings = settings;
        this.runs = runs;
        this.bundled = bundled;
        this.queue = queue;
    }

    private static <V> Map<String, V> lru(int size) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > size;
            }
        });
    }

    void routes(Javalin app) {
        app.post("/api/runs", this::start);
        app.get("/api/runs", ctx -> {
            rescan();
            List<Run> all = new ArrayList<>(index.values());
            all.sort(Comparator.comparing((Run r) -> r.created)
                    .thenComparing(r -> r.id)
                    .reversed());
            Dashboard.json(ctx, all.stream().map(r -> r.toMap(true)).toList());
        });
        app.get("/api/runs/{id}", ctx -> {
            Run r = run(ctx.pathParam("id"));
            Map<String, Object> m = r.toMap(true);
            m.put(
                    "files",
                    FILES.keySet().stream()
                            .filter(f -> runs.has(r.id, f))
                            .sorted()
                            .toList());
            Dashboard.json(ctx, m);
        });
        app.delete("/api/runs/{id}", ctx -> {
            Run r = run(ctx.pathParam("id"));
            if (!r.cancel(settings.clock().instant())) {
                throw new HttpError(
                        409, "run " + r.id + " has finished (" + r.status() + "); there is nothing to cancel");
            }
            queue.purge();
            if (r.status() == Run.Status.cancelled) {
                runs.save(r);
            }
            ctx.status(202);
            Dashboard.json(ctx, r.toMap(true));
        });
        app.get("/api/runs/{id}/events", this::events);
        app.get("/api/runs/{id}/summary", ctx -> {
            Run r = done(ctx.pathParam("id"));
            ctx.contentType("application/json")
                    .result(runs.read(r.id, "summary.json")
                            .orElseThrow(() -> HttpError.notFound("run " + r.id + " has no summary.json")));
        });
        app.get("/api/runs/{id}/metrics", this::metrics);
        app.get("/api/runs/{id}/audit", this::audit);
        app.get(
                "/api/runs/{id}/score_hist",
                ctx -> Dashboard.json(ctx, figures(done(ctx.pathParam("id")), "score_hist.json")));
        app.get(
                "/api/runs/{id}/stories",
                ctx -> Dashboard.json(ctx, figures(done(ctx.pathParam("id")), "stories.json")));
        app.get("/api/runs/{id}/files/{name}", ctx -> {
            Run r = run(ctx.pathParam("id"));
            String name = ctx.pathParam("name");
            if (!FILES.containsKey(name) || !runs.has(r.id, name)) {
                throw HttpError.notFound("run " + r.id + " has no file '" + name + "'");
            }
            ctx.contentType(FILES.get(name))
                    .result(Files.newInputStream(runs.dir(r.id).resolve(name)));
        });
        app.get("/api/people/{run}/{person}", this::person);
    }

    /** Adds the runs on disk this process does not know yet (earlier servers', the CLI's). */
    void rescan() {
        synchronized (index) {
            for (Run r : runs.scan(index.keySet())) {
                index.putIfAbsent(r.id, r);
            }
        }
    }

    Run run(String id) {
        if (!RunsDirectory.validId(id)) {
            throw HttpError.notFound("no run '" + id + "'");
        }
        Run r = index.get(id);
        if (r == null) {
            rescan();
            r = index.get(id);
        }
        if (r == null) {
            throw HttpError.notFound("no run '" + id + "'");
        }
        return r;
    }

    private Run done(String id) {
        Run r = run(id);
        if (r.status() != Run.Status.done) {
            throw new HttpError(409, "run " + r.id + " is " + r.status() + "; its figures exist once it is done");
        }
        return r;
    }

    /** {@code POST /api/runs {"scenario": name} or {"yaml": text}, "seed", "sample"}: 202 {"id"}. */
    private void start(Context ctx) throws IOException {
        JsonNode req = JsonText.read(Dashboard.body(ctx));
        if (!req.isObject()) {
            throw HttpError.badField(
                    "body", "expected {\"scenario\": name} or {\"yaml\": text}, with \"seed\" and \"sample\"");
        }
        JsonNode name = req.get("scenario");
        JsonNode yamlNode = req.get("yaml");
        if ((name == null) == (yamlNode == null)) {
            throw HttpError.badField(
                    "scenario", "give either \"scenario\" (a bundled scenario's name) or \"yaml\" (a scenario's text)");
        }
        String yaml;
        String fileName;
        if (name != null) {
            if (!name.isTextual() || !bundled.exists(name.asText())) {
                throw HttpError.badField("scenario", "no bundled scenario " + name + "; see GET /api/scenarios");
            }
            yaml = bundled.text(name.asText()).orElseThrow();
            fileName = bundled.fileName(name.asText());
        } else {
            if (!yamlNode.isTextual()) {
                throw HttpError.badField("yaml", "expected the scenario's YAML as a string");
            }
            yaml = yamlNode.asText();
            fileName = "scenario.yaml";
        }
        long seed = seed(req);
        Double asked = sample(req);
        Scenario scenario = ScenarioErrors.parse(yaml, fileName, bundled);
        double sample = sampleOf(asked, scenario);
        if (ScenarioParser.namesBase(yaml)) {
            // the run keeps the whole scenario it ran, not changes to a base that may change later
            yaml = ScenarioWriter.toYaml(scenario);
        }
        Run run;
        synchronized (index) {
            run = new Run(
                    runs.newId(scenario.name()),
                    scenario.name(),
                    seed,
                    sample,
                    settings.clock().instant(),
                    "dashboard",
                    Run.Status.queued);
            runs.create(run, yaml);
            index.put(run.id, run);
        }
        try {
            run.job(queue.submit(new Simulation(run, scenario, yaml, settings, runs, recent::put)));
        } catch (HttpError busy) {
            index.remove(run.id);
            runs.delete(run.id);
            throw busy;
        }
        ctx.status(202);
        Dashboard.json(ctx, Map.of("id", run.id));
    }

    static long seed(JsonNode req) {
        JsonNode n = req.get("seed");
        if (n == null || n.isNull()) {
            return 1;
        }
        if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
            throw HttpError.badField("seed", "expected an integer, got " + n);
        }
        return n.asLong();
    }

    /** The request's sample, or null when it names none. */
    static Double sample(JsonNode req) {
        JsonNode n = req.get("sample");
        if (n == null || n.isNull()) {
            return null;
        }
        double f = n.isNumber() ? n.asDouble() : Double.NaN;
        if (!(f > 0 && f <= 1)) {
            throw HttpError.badField("sample", "expected the fraction of households to simulate, in (0, 1], got " + n);
        }
        return f;
    }

    /** The sample asked for, else the scenario's own, else every household (as the CLI). */
    static double sampleOf(Double asked, Scenario scenario) {
        return asked != null ? asked : scenario.defaultSample();
    }

    /** Server-sent events: {@code progress} events four times a second, then one {@code status} event, then the end. */
    private void events(Context ctx) throws IOException {
        Run r = run(ctx.pathParam("id"));
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        OutputStream out = res.getOutputStream();
        try {
            while (true) {
                boolean last = r.status().finished();
                String event = "event: " + (last ? "status" : "progress") + "\ndata: " + JsonText.compact(r.toMap(true))
                        + "\n\n";
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (last) {
                    return;
                }
                Thread.sleep(250);
            }
        } catch (IOException | InterruptedException gone) {
            // the page went away; the run goes on
        }
    }

    private void metrics(Context ctx) throws IOException {
        Run r = done(ctx.pathParam("id"));
        String attribute = ctx.queryParam("attribute");
        String metric = ctx.queryParam("metric");
        String item = ctx.queryParam("item");
        Results results = recent.get(r.id);
        if (results != null) {
            Dashboard.json(ctx, MetricRows.of(results, attribute, metric, item));
            return;
        }
        Optional<ResultsFile> store = ResultsFile.in(runs.dir(r.id));
        if (store.isEmpty()) {
            throw HttpError.notFound(
                    "run " + r.id + " has no " + ResultsDatabase.FILE + ", and its results are no longer in memory: "
                            + "breakdowns of runs from before a restart come from that file");
        }
        Dashboard.json(ctx, MetricRows.of(store.get().metrics(attribute, metric, item)));
    }

    /**
     * The audit rows (docs/OUTPUTS.md, table {@code audit}) of a run, from memory or its results
     * database: {@code year}, {@code sanction}, {@code attribute} (one attribute, or two joined by a
     * comma; default: every single attribute) and {@code reference} (a group to measure against) narrow
     * or re-measure them; a 400 for a value the run does not have.
     */
    private void audit(Context ctx) throws IOException {
        Run r = done(ctx.pathParam("id"));
        Results results = recent.get(r.id);
        List<Audit.Row> rows;
        if (results != null) {
            rows = AuditRows.of(results);
        } else {
            Optional<ResultsFile> store = ResultsFile.in(runs.dir(r.id));
            if (store.isEmpty()) {
                throw HttpError.notFound("run " + r.id + " has no " + ResultsDatabase.FILE
                        + ", and its results are no longer in memory: the audit of runs from before a restart"
                        + " comes from that file");
            }
            try {
                rows = store.get().audit();
            } catch (IOException e) {
                throw new HttpError(
                        409,
                        "the audit of run " + r.id + " cannot be read from its " + ResultsDatabase.FILE
                                + " (a run written by an older scoresim has an older audit table; run it again): "
                                + e.getMessage());
            }
        }
        String year = ctx.queryParam("year");
        String sanction = ctx.queryParam("sanction");
        String attribute = ctx.queryParam("attribute");
        String reference = ctx.queryParam("reference");
        if (year != null
                && rows.stream().noneMatch(a -> Integer.toString(a.year()).equals(year))) {
            throw HttpError.badField("year", "no year '" + year + "' in this run");
        }
        if (sanction != null && rows.stream().noneMatch(a -> a.sanction().equals(sanction))) {
            throw HttpError.badField("sanction", "no sanction '" + sanction + "' in this run");
        }
        if (attribute != null && rows.stream().noneMatch(a -> a.attribute().equals(attribute))) {
            throw HttpError.badField(
                    "attribute", "no attribute (or pair of attributes, such as province,income) '" + attribute + "'");
        }
        List<Audit.Row> kept = AuditRows.filter(
                rows,
                a -> (year == null || Integer.toString(a.year()).equals(year))
                        && (sanction == null || a.sanction().equals(sanction))
                        && (attribute == null
                                ? !a.attribute().contains(",")
                                : a.attribute().equals(attribute)));
        if (reference != null) {
            if (kept.stream().noneMatch(a -> a.group().equals(reference))) {
                throw HttpError.badField("reference", "no group '" + reference + "' among the rows asked for");
            }
            kept = AuditRows.against(kept, reference);
        }
        Dashboard.json(ctx, kept.stream().map(AuditRows::toMap).toList());
    }

    /** The score histogram or story sample: from memory, the run's JSON file, or its results database. */
    private Object figures(Run r, String file) throws IOException {
        Results results = recent.get(r.id);
        if (results != null) {
            return file.equals("score_hist.json") ? MetricRows.scoreHist(results) : MetricRows.stories(results);
        }
        Optional<String> text = runs.read(r.id, file);
        if (text.isPresent()) {
            return JsonText.read(text.get());
        }
        Optional<ResultsFile> store = ResultsFile.in(runs.dir(r.id));
        if (store.isEmpty()) {
            throw HttpError.notFound("run " + r.id + " has neither " + file + " nor " + ResultsDatabase.FILE);
        }
        return file.equals("score_hist.json")
                ? MetricRows.scoreHist(store.get().scoreHistogram())
                : MetricRows.stories(store.get().stories());
    }

    /** {@code explain --person} for a person of a run: the run's scenario and seed, re-simulated alone. */
    private void person(Context ctx) throws IOException {
        Run r = run(ctx.pathParam("run"));
        String person = ctx.pathParam("person");
        if (!PERSON.matcher(person).matches()) {
            throw HttpError.notFound("no person '" + person + "': person ids are numbers (household x 32 + member)");
        }
        Plan plan = plan(r);
        Map<String, Object> story;
        try {
            story = new LinkedHashMap<>(Explain.person(plan, Long.parseLong(person)));
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound(e.getMessage());
        }
        Scenario.Scoring scoring = plan.scenario().scoring();
        Map<String, Object> scale = new LinkedHashMap<>(); // for the page's score chart: the tiers' thresholds
        scale.put("initial", scoring.initial());
        scale.put("min", scoring.min());
        scale.put("max", scoring.max());
        scale.put(
                "tiers",
                scoring.tiers().stream()
                        .map(t -> Map.of("name", t.name(), "min", t.min()))
                        .toList());
        story.put("scoring", scale);
        Dashboard.json(ctx, story);
    }

    private Plan plan(Run r) throws IOException {
        Plan cached = plans.get(r.id);
        if (cached != null) {
            return cached;
        }
        Results results = recent.get(r.id);
        Plan p = Plan.compile(results != null ? results.scenario() : keptScenario(r), r.seed, r.sample);
        plans.put(r.id, p);
        return p;
    }

    /** The scenario a finished run kept (scenario.yaml, or its results database). */
    private Scenario keptScenario(Run r) throws IOException {
        Optional<String> yaml = runs.read(r.id, "scenario.yaml");
        if (yaml.isEmpty()) {
            Optional<ResultsFile> store = ResultsFile.in(runs.dir(r.id));
            yaml = store.isPresent() ? store.get().run().map(ResultsFile.Run::scenarioYaml) : Optional.empty();
        }
        String text = yaml.orElseThrow(() -> HttpError.notFound(
                "run " + r.id + " did not keep its scenario, so its people " + "cannot be re-simulated"));
        try {
            return ScenarioParser.parse(text, "scenario.yaml");
        } catch (ScenarioException e) {
            throw HttpError.notFound("the scenario kept with run " + r.id + " no longer parses: " + e.getMessage());
        }
    }

    /** On shutdown: nothing left looking as if it were still running. */
    void cancelAll() {
        for (Run r : index.values()) {
            if (!r.status().finished() && r.cancel(settings.clock().instant())) {
                if (r.status() != Run.Status.cancelled) {
                    r.finish(
                            Run.Status.cancelled,
                            "the server stopped",
                            settings.clock().instant());
                }
                runs.save(r);
            }
        }
    }
}

package org.scoresim.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.jetty.http.UriCompliance;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.experiments.compare.Comparison;
import org.scoresim.model.Metric;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;

/**
 * {@code scoresim serve}: the HTTP API of docs/OUTPUTS.md and the dashboard page that uses only it.
 * Scenarios and validation are answered here; runs, their figures and people in {@link RunsApi}.
 * Every body is JSON; every refusal is {@code {"error": text}} with its status (400 bad input,
 * 403 not for this server or not from its page, 404 unknown id, 409 not finished, 413 body over
 * 1 MiB, 429 queue full).
 *
 * <p>Beyond docs/OUTPUTS.md's table (which it serves exactly), for the page: {@code GET
 * /api/runs/{id}/score_hist} ({@code {binLow, width: 10, years: {"2013": [counts]}}}, scaled),
 * {@code GET /api/runs/{id}/stories} (sampled person ids per category), {@code GET
 * /api/runs/{id}/files/NAME} (summary.json, report.html, scenario.yaml, the run's
 * {@link org.scoresim.store.ResultsDatabase}), {@code POST
 * /api/compare {"a", "b", "seed", "sample"}} ({@code Comparison.toMap()}), and {@code GET
 * /vendor/echarts.min.js}. Run status objects also carry scenario, seed, sample, times, people
 * and the scenario's claims with the model's figures beside them ({@code claims}, from
 * {@code ClaimFigures}); the people answer also carries the scoring scale.
 *
 * <p>It serves only its own page ({@link SameOrigin}): 403 to a request whose Host does not name
 * this server, and to a change (any method but GET and HEAD) that comes from another site's page.
 * The page gets this server's token in its {@code scoresim-token} meta tag.
 */
public final class Dashboard implements AutoCloseable {
    /** Request bodies above this get 413: a scenario is a few kilobytes. */
    public static final int MAX_BODY = 1 << 20;

    /** The empty meta tag of index.html that the served page carries the token in. */
    private static final String TOKEN_TAG = "<meta name=\"scoresim-token\" content=\"\">";

    private final Settings settings;
    private final BundledScenarios bundled;
    private final RunQueue queue;
    private final RunsApi runsApi;
    private final Javalin app;
    private final SameOrigin sameOrigin;
    private final String page;

    private Dashboard(Settings settings) {
        this.settings = settings;
        this.sameOrigin = new SameOrigin(settings.host(), this::port, new SecureRandom());
        this.page = page(sameOrigin.token());
        this.bundled = new BundledScenarios(settings.scenarios());
        this.queue = new RunQueue(settings.concurrent(), settings.queueBound());
        this.runsApi = new RunsApi(settings, new RunsDirectory(settings.runs(), settings.clock()), bundled, queue);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY;
            // an encoded '/' inside an id must reach the id check (and get its 404), not Jetty's 400
            config.jetty.modifyHttpConfiguration(h -> h.setUriCompliance(UriCompliance.LEGACY));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/scoresim-web";
                files.location = Location.CLASSPATH;
            });
        });
        routes();
    }

    /** Starts listening (port 0: a free one) and returns at once; {@link #close()} stops. */
    public static Dashboard start(Settings settings) {
        Dashboard d = new Dashboard(settings);
        d.runsApi.rescan();
        try {
            d.app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            d.queue.close();
            throw e;
        }
        return d;
    }

    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port() + "/";
    }

    /** Stops the server; runs still queued or running are cancelled and recorded so. */
    @Override
    public void close() {
        runsApi.cancelAll();
        queue.close();
        app.stop();
    }

    /** The token a client without an Origin header sends in {@value SameOrigin#TOKEN_HEADER}. */
    String token() {
        return sameOrigin.token();
    }

    /** index.html with this server's token in its meta tag. */
    private static String page(String token) {
        try (InputStream in = Dashboard.class.getResourceAsStream("/scoresim-web/index.html")) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!html.contains(TOKEN_TAG)) {
                throw new IllegalStateException("index.html has no " + TOKEN_TAG + " for the token");
            }
            return html.replace(TOKEN_TAG, TOKEN_TAG.replace("content=\"\"", "content=\"" + token + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void routes() {
        app.before(sameOrigin::check);
        app.before(ctx -> {
            if (ctx.req().getContentLengthLong() > MAX_BODY) {
                throw tooLarge();
            }
        });
        for (String path : List.of("/", "/index.html")) {
            // the token changes with every start: the page is never cached
            app.get(
                    path,
                    ctx -> ctx.header("Cache-Control", "no-store")
                            .contentType("text/html; charset=utf-8")
                            .result(page));
        }
        app.get("/api/scenarios", ctx -> json(ctx, bundled.list()));
        app.get("/api/scenarios/{name}", ctx -> {
            String text = bundled.text(ctx.pathParam("name"))
                    .orElseThrow(() -> HttpError.notFound("no bundled scenario '" + ctx.pathParam("name") + "'"));
            ctx.contentType("text/yaml; charset=utf-8").result(text);
        });
        app.get("/api/metrics", ctx -> json(ctx, metrics()));
        app.post("/api/validate", this::validate);
        app.post("/api/compare", this::compare);
        app.get("/vendor/echarts.min.js", this::echarts);
        runsApi.routes(app);
        new SensitivityApi(settings.runs()).routes(app);
        app.exception(
                HttpError.class,
                (e, ctx) -> ctx.status(e.status).contentType("application/json").result(JsonText.compact(e.body())));
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> ctx.status(e.getStatus())
                        .contentType("application/json")
                        .result(JsonText.compact(Map.of("error", e.getMessage()))));
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.contentType("application/json")
                        .result(JsonText.compact(Map.of("error", "not found: " + ctx.path())));
            }
        });
    }

    static HttpError tooLarge() {
        return new HttpError(413, "the request body is over 1 MiB; scenarios are a few kilobytes");
    }

    /** The request body as text, at most {@link #MAX_BODY} bytes (also when no Content-Length was sent). */
    static String body(Context ctx) throws IOException {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(JsonText.compact(value));
    }

    /**
     * {@code {"ok", "errors": [{"line", "column", "path", "message"}], "total"}}, plus the scenario's
     * outline when ok: the first {@value ScenarioErrors#SHOWN} problems of the {@code total}.
     */
    private void validate(Context ctx) throws IOException {
        String yaml = body(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            Scenario s = bundled.read(yaml, "scenario.yaml");
            m.put("ok", true);
            m.put("errors", List.of());
            m.put("total", 0);
            Map<String, Object> outline = new LinkedHashMap<>();
            outline.put("name", s.name());
            outline.put("description", s.description());
            outline.put("people", s.population().size());
            outline.put("years", BundledScenarios.years(s));
            m.put("scenario", outline);
        } catch (ScenarioException e) {
            m.put("ok", false);
            m.put("errors", ScenarioErrors.of(e, "scenario.yaml"));
            m.put("total", e.total());
        }
        json(ctx, m);
    }

    /**
     * {@code POST /api/compare {"a": name or YAML, "b": ..., "seed", "sample"}}: {@link Comparison}
     * on the run queue, answered with its {@code toMap()} when done.
     */
    private void compare(Context ctx) throws Exception {
        JsonNode req = JsonText.read(body(ctx));
        if (!req.isObject()) {
            throw HttpError.badField("body", "expected {\"a\": scenario, \"b\": scenario, \"seed\": n, \"sample\": f}");
        }
        Scenario a = scenario(req.get("a"), "a");
        Scenario b = scenario(req.get("b"), "b");
        long seed = RunsApi.seed(req);
        double sample = RunsApi.sampleOf(RunsApi.sample(req), a);
        Future<Map<String, Object>> job = queue.submit(() -> {
            Comparison c = new Comparison(Plan.compile(a, seed, sample), Plan.compile(b, seed, sample));
            return c.run(settings.threadsPerRun()).toMap();
        });
        try {
            json(ctx, job.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new HttpError(400, "cannot compare: " + bad.getMessage());
            }
            throw new HttpError(500, "the comparison failed: " + e.getCause());
        }
    }

    /** A bundled scenario's name, or a scenario's YAML text; 400 with its problems otherwise. */
    Scenario scenario(JsonNode node, String field) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw HttpError.badField(field, "expected a bundled scenario's name or a scenario's YAML text");
        }
        String text = node.asText();
        if (bundled.exists(text)) {
            return ScenarioErrors.parse(bundled.text(text).orElseThrow(), bundled.fileName(text), bundled);
        }
        if (!text.contains("\n") && !text.contains(":")) {
            throw HttpError.badField(field, "no bundled scenario '" + text + "'");
        }
        return ScenarioErrors.parse(text, field + ".yaml", bundled);
    }

    private void echarts(Context ctx) throws IOException {
        String version;
        try (InputStream in = Dashboard.class.getResourceAsStream("/scoresim-web.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            version = p.getProperty("echarts.version", "5.3.1");
        }
        InputStream js = Dashboard.class.getResourceAsStream(
                "/META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js");
        if (js == null) {
            throw HttpError.notFound("the ECharts webjar is missing from this build");
        }
        ctx.header("Cache-Control", "max-age=86400")
                .contentType("application/javascript")
                .result(js);
    }

    /** {@code GET /api/metrics}: what each metric of the runs' figures counts, in output order. */
    static List<Map<String, Object>> metrics() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Metric m : Metric.all()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", m.key());
            e.put("unit", m.unit().word());
            e.put("items", m.items().name().toLowerCase(java.util.Locale.ROOT));
            e.put("definition", m.definition());
            out.add(e);
        }
        return out;
    }
}

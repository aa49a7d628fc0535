package org.scoresim.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scoresim.model.FolderName;

/**
 * The runs directory: one subdirectory per run, named by the run's id, holding {@code run.json}
 * (id, scenario, seed, sample, status, times), {@code scenario.yaml}, and once done
 * {@code summary.json} (as {@code scoresim run} writes it), {@code score_hist.json},
 * {@code stories.json} and whatever the store writes. Directories of {@code scoresim run} (a
 * summary.json, no run.json) are listed too, as finished runs.
 */
final class RunsDirectory {
    /** Ids are directory names: letters, digits, '.', '_', '-', never "..", no separators. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Set<String> RUN_KEYS =
            Set.of("id", "status", "progress", "error", "scenario", "seed", "sample", "created", "finished", "origin");

    private final Path root;
    private final SecureRandom random = new SecureRandom();

    private final Clock clock;

    RunsDirectory(Path root, Clock clock) {
        this.clock = clock;
        this.root = root.toAbsolutePath().normalize();
    }

    static boolean validId(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..");
    }

    Path root() {
        return root;
    }

    /** The directory of a run id; only for ids that pass {@link #validId}. */
    Path dir(String id) {
        if (!validId(id)) {
            throw HttpError.notFound("no run '" + id + "'");
        }
        return root.resolve(id);
    }

    /** A fresh id like {@code minimal-20261129-003120-3f9a}: scenario, time, 4 random hex digits. */
    synchronized String newId(String scenarioName) {
        // the folder name the command line's runs get, in lower case as the dashboard's ids have always been
        String base = FolderName.of(scenarioName, "run").toLowerCase(Locale.ROOT);
        base = base.substring(0, Math.min(40, base.length())) + "-"
                + LocalDateTime.now(clock).format(STAMP);
        while (true) {
            String id = base + "-" + String.format("%04x", random.nextInt(0x10000));
            if (!Files.exists(root.resolve(id))) {
                return id;
            }
        }
    }

    void create(Run run, String yaml) {
        try {
            Files.createDirectories(dir(run.id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir(run.id) + ": " + e.getMessage(), e);
        }
        write(run.id, "scenario.yaml", yaml);
        save(run);
    }

    void save(Run run) {
        write(run.id, "run.json", JsonText.pretty(run.toMap(false)));
    }

    /** Writes a file of a run in one step (a temporary file renamed), so readers never see half of it. */
    void write(String id, String name, String text) {
        Path target = dir(id).resolve(name);
        Path tmp = dir(id).resolve("." + name + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    Optional<String> read(String id, String name) {
        Path p = dir(id).resolve(name);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean has(String id, String name) {
        return Files.isRegularFile(dir(id).resolve(name));
    }

    void delete(String id) {
        Path d = dir(id);
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // nothing there to remove
        }
    }

    /**
     * Runs on disk that {@code known} does not hold: the dashboard's from their run.json (a run
     * that was queued or running when its server stopped is failed now), the CLI's from their
     * summary.json.
     */
    List<Run> scan(Set<String> known) {
        List<Run> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return found;
        }
        for (Path d : dirs) {
            String id = d.getFileName().toString();
            if (!validId(id) || known.contains(id)) {
                continue;
            }
            try {
                Run r = Files.isRegularFile(d.resolve("run.json"))
                        ? fromRunJson(id)
                        : Files.isRegularFile(d.resolve("summary.json")) ? fromSummary(id, d) : null;
                if (r != null) {
                    found.add(r);
                }
            } catch (RuntimeException | IOException e) {
                // not a run directory (or a damaged one): not listed
            }
        }
        return found;
    }

    private Run fromRunJson(String id) {
        JsonNode n = JsonText.read(read(id, "run.json").orElseThrow());
        Run.Status status = Run.Status.valueOf(n.path("status").asText("failed"));
        String error = n.path("error").isTextual() ? n.path("error").asText() : null;
        boolean interrupted = !status.finished();
        Run r = new Run(
                id,
                n.path("scenario").asText(),
                n.path("seed").asLong(1),
                n.path("sample").asDouble(1.0),
                instant(n.path("created").asText(null)),
                n.path("origin").asText("dashboard"),
                interrupted ? Run.Status.failed : status);
        Map<String, Object> facts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!RUN_KEYS.contains(e.getKey())) {
                facts.put(e.getKey(), JsonText.COMPACT.convertValue(e.getValue(), Object.class));
            }
        }
        r.restore(
                interrupted ? "the server stopped before this run finished" : error,
                interrupted ? clock.instant() : instantOrNull(n.path("finished").asText(null)),
                facts);
        if (interrupted) {
            save(r);
        }
        return r;
    }

    private Run fromSummary(String id, Path d) throws IOException {
        JsonNode s = JsonText.read(read(id, "summary.json").orElseThrow());
        Run r = new Run(
                id,
                s.path("scenario").asText(),
                s.path("seed").asLong(1),
                s.path("sample").asDouble(1.0),
                Files.getLastModifiedTime(d.resolve("summary.json")).toInstant(),
                "cli",
                Run.Status.done);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("households", s.path("households").asLong());
        facts.put("people", s.path("people").asLong());
        facts.put("seconds", s.path("timing").path("seconds").asDouble());
        r.restore(null, r.created, facts);
        return r;
    }

    private static Instant instant(String text) {
        Instant i = instantOrNull(text);
        return i == null ? Instant.EPOCH : i;
    }

    private static Instant instantOrNull(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package org.scoresim.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where the base a scenario names ({@code base: china-2013-2020.yaml}) is looked up: in one folder,
 * the folder of the file naming it (or, for a scenario given as text, a folder the caller allows),
 * never outside it: no absolute path, no {@code ..}, no link leading out. Also the chain of files
 * read so far, so that a base naming itself, directly or not, is a problem rather than a loop.
 */
final class Bases {
    /** Bases of bases: a chain this long is a mistake, not a design. */
    static final int MAX_DEPTH = 8;
    /** Relative names with plain segments: letters, digits, '_', '-', '.' (not "." or ".." alone). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");

    /** null: this scenario may name no base. */
    private final Path folder;
    /** How messages name the folder: a prefix such as "scenarios/", as the user wrote the first file's name. */
    private final String shownFolder;
    /** The files of the chain so far (real paths), the scenario's own first when it is a file. */
    private final List<Path> chain;

    private final List<String> shownChain;

    private Bases(Path folder, String shownFolder, List<Path> chain, List<String> shownChain) {
        this.folder = folder;
        this.shownFolder = shownFolder;
        this.chain = chain;
        this.shownChain = shownChain;
    }

    /** For a scenario given as text with no folder: a base is a problem. */
    static Bases none(String shownName) {
        return new Bases(null, "", List.of(), List.of(shownName));
    }

    /** Bases beside a scenario file. */
    static Bases beside(Path file, String shownName) {
        Path absolute = file.toAbsolutePath();
        return new Bases(absolute.getParent(), folderOf(shownName), List.of(real(absolute)), List.of(shownName));
    }

    /** Bases in a folder, for a scenario given as text (a draft among the bundled scenarios). */
    static Bases in(Path folder, String shownName) {
        return new Bases(folder.toAbsolutePath(), folderOf(shownName), List.of(), List.of(shownName));
    }

    private static String folderOf(String shownName) {
        int slash = shownName.lastIndexOf('/');
        return slash < 0 ? "" : shownName.substring(0, slash + 1);
    }

    /** A file's real path, or its plain absolute path when it cannot be resolved. */
    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** A base read: its tree (positions marked with {@code shown}), and where its own base is looked up. */
    record Base(Node root, String shown, Bases bases) {}

    /**
     * The base named {@code name} at {@code at} (the overlay's {@code base:} value), composed, or null
     * after a problem: one located at {@code at} when the base cannot be found or read, or the base
     * file's own (named by its file) when it is no YAML.
     */
    Base load(String name, Node at, Problems problems) {
        if (folder == null) {
            problems.at(
                    at,
                    "base",
                    "a scenario given as text has no folder to look up its base in; save it as a file"
                            + " beside its base");
            return null;
        }
        // no segment can be "." or "..": the pattern does not let one start with a dot
        if (name.length() > 255 || !NAME.matcher(name).matches()) {
            problems.at(
                    at,
                    "base",
                    "expected the name of a scenario file in this scenario's folder, such as china-2013-2020.yaml"
                            + " (a relative name, no '..', no absolute path), got '" + Nodes.shorten(name) + "'");
            return null;
        }
        Path file = folder.resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            problems.at(
                    at,
                    "base",
                    "no scenario file '" + Nodes.shorten(name) + "' in " + shownFolderText() + suggestion(name));
            return null;
        }
        Path real = real(file);
        if (!real.startsWith(real(folder))) {
            problems.at(
                    at,
                    "base",
                    "'" + Nodes.shorten(name) + "' leads out of " + shownFolderText()
                            + " (a link); a base must lie in it");
            return null;
        }
        String shown = shownFolder + name;
        if (chain.contains(real)) {
            problems.at(at, "base", "the bases form a cycle: " + String.join(" -> ", shownChain) + " -> " + shown);
            return null;
        }
        if (chain.size() >= MAX_DEPTH) {
            problems.at(
                    at,
                    "base",
                    "more than " + MAX_DEPTH + " bases in a chain (" + String.join(" -> ", shownChain) + " -> ...)");
            return null;
        }
        Problems own = new Problems(shown);
        byte[] bytes = ScenarioParser.read(file, own);
        String text = bytes == null ? null : ScenarioParser.decode(bytes, own);
        Node root =
                text == null ? null : ScenarioParser.compose(text.startsWith("\uFEFF") ? text.substring(1) : text, own);
        if (root == null && own.isEmpty()) {
            own.file("the file is empty: expected the base scenario");
        }
        problems.addAll(own);
        if (root == null) {
            return null;
        }
        List<Path> longer = new ArrayList<>(chain);
        longer.add(real);
        List<String> shownLonger = new ArrayList<>(shownChain);
        shownLonger.add(shown);
        Path parent = real.getParent();
        return new Base(root, shown, new Bases(parent, folderOf(shown), List.copyOf(longer), List.copyOf(shownLonger)));
    }

    private String shownFolderText() {
        return shownFolder.isEmpty() ? "this scenario's folder" : shownFolder;
    }

    /** "; did you mean 'x.yaml'?" for a close name among the folder's scenario files, else "". */
    private String suggestion(String name) {
        List<String> names = new ArrayList<>();
        Path dir = folder.resolve(name).normalize().getParent();
        try (Stream<Path> files = Files.list(dir)) {
            files.limit(1000)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .forEach(names::add);
        } catch (IOException | SecurityException e) {
            return "";
        }
        int slash = name.lastIndexOf('/');
        String close = Suggestion.closest(name.substring(slash + 1), names);
        return close == null ? "" : "; did you mean '" + name.substring(0, slash + 1) + close + "'?";
    }
}

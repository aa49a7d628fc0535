package org.scoresim.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads and validates a scenario file (docs/SCENARIO.md). Every problem of the file is reported at once,
 * in file order, with line, column and key path; nothing but {@link ScenarioException} leaves
 * {@code parse}, whatever the input. A file may name a base in its folder and state only its
 * changes ({@link Overlay}); a problem then names the file its value is written in.
 */
public final class ScenarioParser {
    /** Scenario files are a few kilobytes; anything this large is refused before it is read. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;
    /** Aliases of lists or mappings: a scenario needs none, and many make a "billion laughs" bomb. */
    static final int MAX_ALIASES = 50;

    static final int MAX_NESTING = 50;

    private ScenarioParser() {}

    public static Scenario parse(Path file) throws ScenarioException {
        return parse(file, Map.of());
    }

    /**
     * Reads a file with some of its values replaced: {@code overrides} maps a key path
     * ({@code behaviours.debt_default.rate}, {@code scoring.tiers[2].min},
     * {@code channels.courts.coverage.2016}) to a YAML scalar, as {@code --set KEY=VALUE} gives them.
     * The values replace those written in the node tree before it is read, so validation, defaults
     * and the positions of everything else are as for the file itself; a path the file does not
     * write is a problem naming the override.
     */
    public static Scenario parse(Path file, Map<String, String> overrides) throws ScenarioException {
        String name = String.valueOf(file);
        Problems problems = new Problems(name);
        if (file == null) {
            problems.file("no file given");
            throw problems.exception();
        }
        byte[] bytes = read(file, problems);
        String text = bytes == null ? null : decode(bytes, problems);
        if (text == null) {
            throw problems.exception();
        }
        return parse(text, name, overrides, Bases.beside(file, name));
    }

    /** The text of a scenario file as the parser reads it (UTF-8, size and binary checks), for {@link #rewrite}. */
    public static String readText(Path file) throws ScenarioException {
        Problems problems = new Problems(String.valueOf(file));
        byte[] bytes = file == null ? null : read(file, problems);
        String text = bytes == null ? null : decode(bytes, problems);
        if (text == null) {
            if (problems.isEmpty()) {
                problems.file("no file given");
            }
            throw problems.exception();
        }
        return text;
    }

    public static Scenario parse(String text, String fileName) throws ScenarioException {
        return parse(text, fileName, Map.of());
    }

    /** As {@link #parse(Path, Map)}, for a text; a text naming a base is a problem (it has no folder to find it in). */
    public static Scenario parse(String text, String fileName, Map<String, String> overrides) throws ScenarioException {
        String name = fileName == null ? "<scenario>" : fileName;
        return parse(text, name, overrides, Bases.none(name));
    }

    /**
     * As {@link #parse(Path, Map)}, for a text whose base, if it names one, is a file of
     * {@code baseFolder} (a draft among the bundled scenarios); never one outside that folder.
     */
    public static Scenario parse(String text, String fileName, Map<String, String> overrides, Path baseFolder)
            throws ScenarioException {
        String name = fileName == null ? "<scenario>" : fileName;
        return parse(text, name, overrides, Bases.in(baseFolder, name));
    }

    /** Whether a scenario text names a base (false for a text that is no YAML mapping). */
    public static boolean namesBase(String text) {
        Problems scratch = new Problems("<scenario>");
        try {
            return Overlay.namesBase(root(text, scratch));
        } catch (ScenarioException e) {
            return false;
        }
    }

    private static Scenario parse(String text, String name, Map<String, String> overrides, Bases bases)
            throws ScenarioException {
        Problems problems = new Problems(name);
        Node root = Overlay.resolve(root(text, problems), bases, problems);
        if (root == null) {
            throw problems.exception();
        }
        Edits.apply(root, overrides, problems);
        Scenario scenario;
        try {
            scenario = new ScenarioReader(problems).read(root);
        } catch (RuntimeException e) {
            // a bug of this reader; still reported as a problem of the file so callers see exit code 2
            problems.file("internal error while reading the scenario: " + e);
            scenario = null;
        }
        if (scenario == null || !problems.isEmpty()) {
            Edits.annotate(overrides, problems);
            throw problems.exception();
        }
        return scenario;
    }

    /**
     * The same file text with the scalars at the given key paths replaced by the given YAML scalars,
     * in place: every comment, the layout and every other character stay as they are (for writing
     * fitted values to a new file). A path the file does not write, a value that is no single
     * scalar, or a replacement that would read back differently is a problem.
     */
    public static String rewrite(String text, Map<String, String> values) throws ScenarioException {
        return rewrite(text, "<scenario>", values);
    }

    public static String rewrite(String text, String fileName, Map<String, String> values) throws ScenarioException {
        Problems problems = new Problems(fileName == null ? "<scenario>" : fileName);
        Node root = root(text, problems);
        int bom = text.startsWith("\uFEFF") ? 1 : 0;
        String out = Edits.rewrite(text.substring(bom), root, values, problems);
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return text.substring(0, bom) + out;
    }

    /** The scalar texts the file writes at these key paths, in the paths' order (for a calibrator's start). */
    public static Map<String, String> scalars(String text, Collection<String> paths) throws ScenarioException {
        Problems problems = new Problems("<scenario>");
        Node root = root(text, problems);
        Map<String, String> out = Edits.scalars(root, paths, problems);
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return out;
    }

    /** The composed top-level node of a text; throws with every problem when there is none. */
    private static Node root(String text, Problems problems) throws ScenarioException {
        if (text == null || text.length() > MAX_BYTES) {
            problems.file(
                    text == null ? "no text given" : "the file is over 16 MiB; scenario files are limited to 16 MiB");
            throw problems.exception();
        }
        if (text.indexOf('\0') >= 0) {
            int at = text.indexOf('\0');
            problems.at(
                    lineOf(text, at), columnOf(text, at), "the file is binary (it contains NUL bytes), not YAML text");
            throw problems.exception();
        }
        // a byte order mark is no content
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Node root = compose(body, problems);
        if (root == null) {
            if (problems.isEmpty()) {
                problems.file("the file is empty: expected a scenario (name, years, population, ...)");
            }
            throw problems.exception();
        }
        return root;
    }

    static byte[] read(Path file, Problems problems) {
        try {
            if (Files.isDirectory(file)) {
                problems.file("is a directory, not a scenario file");
                return null;
            }
            if (Files.size(file) > MAX_BYTES) {
                problems.file("the file is " + Files.size(file) / (1024 * 1024)
                        + " MiB; scenario files are limited to 16 MiB");
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    problems.file("the file is over 16 MiB; scenario files are limited to 16 MiB");
                    return null;
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            problems.file("file not found");
        } catch (AccessDeniedException e) {
            problems.file("cannot read the file: permission denied");
        } catch (IOException | SecurityException e) {
            problems.file("cannot read the file: " + e.getMessage());
        }
        return null;
    }

    /** Strict UTF-8: a binary file is named as such rather than parsed as garbage. */
    static String decode(byte[] bytes, Problems problems) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                problems.at(
                        lineOf(bytes, i),
                        columnOf(bytes, i),
                        "the file is binary (it contains NUL bytes), not YAML text");
                return null;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the first byte of the invalid sequence
            problems.at(
                    lineOf(bytes, in.position()),
                    columnOf(bytes, in.position()),
                    "the file is not UTF-8 text (an invalid byte sequence on this line);"
                            + " is it binary? Scenario files are UTF-8 YAML");
            return null;
        }
    }

    /**
     * The node tree of a text, every position marked with the name of the file it comes from (the
     * name {@code problems} reports), so that a problem found once a scenario and its base are
     * combined still names the right file.
     */
    static Node compose(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit((int) MAX_BYTES + 1);
        options.setProcessComments(false);
        StreamReader reader = new NamedReader(new StringReader(text), problems.file());
        MarkingParser parser = new MarkingParser(new ParserImpl(reader, options));
        try {
            // the composer alone: a node tree with positions, no Java objects constructed
            return new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null || e.getContextMark() == null
                    ? ""
                    : " (" + oneLine(e.getContext()) + " at line "
                            + (e.getContextMark().getLine() + 1) + ")";
            problems.at(mark, "", "invalid YAML: " + oneLine(e.getProblem()) + context);
        } catch (ReaderException e) {
            int at = Math.min(Math.max(e.getPosition(), 0), text.codePointCount(0, text.length()));
            int index = text.offsetByCodePoints(0, at);
            problems.at(
                    lineOf(text, index),
                    columnOf(text, index),
                    String.format(
                            "the file contains a character YAML does not allow (U+%04X); is it binary?",
                            e.getCodePoint()));
        } catch (YAMLException e) {
            // the limits of LoaderOptions throw without a position: the last event read is where it was hit
            String m = oneLine(e.getMessage());
            String message;
            if (m.contains("aliases")) {
                message = "too many YAML aliases (more than " + MAX_ALIASES + " of lists or mappings)";
            } else if (m.contains("Nesting Depth")) {
                message = "lists and mappings nested more than " + MAX_NESTING + " deep; a scenario needs a few levels";
            } else {
                message = "invalid YAML: " + m;
            }
            problems.at(parser.lastMark(), "", message);
        } catch (RuntimeException e) {
            // SnakeYAML is not meant to throw anything else; if it does, the file is still unusable
            problems.file("invalid YAML: " + e);
        }
        return null;
    }

    /**
     * A parser that remembers where the last event it handed out starts: SnakeYAML's limits on
     * aliases and nesting throw exceptions without a position, and that is where they were hit.
     */
    private static final class MarkingParser implements Parser {
        private final Parser parser;
        private Mark last;

        MarkingParser(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event e = parser.getEvent();
            if (e != null) {
                last = e.getStartMark();
            }
            return e;
        }

        Mark lastMark() {
            return last;
        }
    }

    /** A reader whose marks carry a file's name (SnakeYAML's carry a fixed word). */
    private static final class NamedReader extends StreamReader {
        private final String name;

        NamedReader(StringReader text, String name) {
            super(text);
            this.name = name;
        }

        @Override
        public Mark getMark() {
            Mark m = super.getMark();
            return new Mark(name, m.getIndex(), m.getLine(), m.getColumn(), m.getBuffer(), m.getPointer());
        }
    }

    private static String oneLine(String s) {
        String t = s == null ? "unknown problem" : s.replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of the character at {@code index}, counted in characters (code points). */
    private static int columnOf(String text, int index) {
        int start = text.lastIndexOf('\n', index - 1) + 1;
        return text.codePointCount(start, index) + 1;
    }

    /**
     * The 1-based column of the byte at {@code index} of UTF-8 text, counted in characters: the
     * bytes of its line before it that start a character (every byte but a continuation byte).
     */
    private static int columnOf(byte[] bytes, int index) {
        int column = 1;
        for (int i = Math.min(index, bytes.length) - 1; i >= 0 && bytes[i] != '\n'; i--) {
            if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return column;
    }

    private static int lineOf(byte[] bytes, int index) {
        int line = 1;
        for (int i = 0; i < index && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}

package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The minimal scenario (scenarios/minimal.yaml) and small tools to break it in one place. */
final class Fixtures {
    static final String FILE = "test.yaml";
    /**
     * The bundled scenarios of the project's root, found from the module's folder (surefire sets
     * {@code basedir}; the working directory is the module's folder too), so tests read the files users run.
     */
    static final Path SCENARIOS = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath()
            .getParent()
            .resolve("scenarios");

    private Fixtures() {}

    static String minimal() {
        return bundled("minimal.yaml");
    }

    /** The text of a file of the root's {@code scenarios/} folder. */
    static String bundled(String name) {
        try {
            return Files.readString(SCENARIOS.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The minimal scenario with {@code old}, which must occur exactly once, replaced. */
    static String edit(String old, String replacement) {
        return edit(minimal(), old, replacement);
    }

    static String edit(String text, String old, String replacement) {
        int at = text.indexOf(old);
        assertThat(at).as("'%s' occurs in the scenario", old).isGreaterThanOrEqualTo(0);
        assertThat(text.indexOf(old, at + 1)).as("'%s' occurs once", old).isEqualTo(-1);
        return text.substring(0, at) + replacement + text.substring(at + old.length());
    }

    static List<Problem> problems(String text) {
        return exception(text).problems();
    }

    static ScenarioException exception(String text) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioParser.parse(text, FILE));
        assertThat(e).as("a ScenarioException").isNotNull();
        assertThat(e.problems()).isNotEmpty();
        return e;
    }

    /** The one problem of a text. */
    static Problem only(String text) {
        List<Problem> p = problems(text);
        assertThat(p).as("exactly one problem").hasSize(1);
        return p.get(0);
    }

    /**
     * Asserts the text has exactly one problem, at the {@code occurrence}-th (1-based) place where
     * {@code marker} appears (at its '^' if it has one), with this key path and a message containing {@code fragment}.
     */
    static Problem assertOnly(String text, String marker, int occurrence, String path, String fragment) {
        Problem p = only(text);
        int caret = Math.max(marker.indexOf('^'), 0);
        String find = marker.replace("^", "");
        int at = -1;
        for (int i = 0; i < occurrence; i++) {
            at = text.indexOf(find, at + 1);
        }
        assertThat(at).as("marker '%s'", marker).isGreaterThanOrEqualTo(0);
        at += caret;
        int line =
                1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - text.lastIndexOf('\n', at - 1);
        assertThat(p.file()).isEqualTo(FILE);
        assertThat(p.path()).as("path of %s", p).isEqualTo(path);
        assertThat(p.message()).as("message of %s", p).contains(fragment);
        assertThat(new int[] {p.line(), p.column()}).as("position of %s", p).containsExactly(line, column);
        return p;
    }

    static Problem assertOnly(String text, String marker, String path, String fragment) {
        return assertOnly(text, marker, 1, path, fragment);
    }

    static void assertValid(String text) {
        try {
            ScenarioParser.parse(text, FILE);
        } catch (ScenarioException e) {
            throw new AssertionError("unexpected problems: " + e.problems(), e);
        }
    }

    static void assertInvalid(String text) {
        assertThatThrownBy(() -> ScenarioParser.parse(text, FILE)).isInstanceOf(ScenarioException.class);
    }
}

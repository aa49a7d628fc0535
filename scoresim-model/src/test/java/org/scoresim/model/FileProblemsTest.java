package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scoresim.model.Fixtures.only;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Problems of a file as a whole: not there, not text, not YAML, not a mapping, too large. */
class FileProblemsTest {
    @TempDir
    Path dir;

    static Problem onlyOf(Path file) {
        try {
            ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.getMessage()).isEqualTo("1 problem in " + file);
            return e.problems().get(0);
        }
        throw new AssertionError("no problem found in " + file);
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.yaml");
        assertThat(onlyOf(file)).isEqualTo(new Problem(file.toString(), 0, 0, "", "file not found"));
    }

    @Test
    void directory() {
        assertThat(onlyOf(dir).message()).isEqualTo("is a directory, not a scenario file");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.yaml"), "");
        assertThat(onlyOf(file).message()).startsWith("the file is empty");
        assertThat(only("# only a comment\n\n").message()).startsWith("the file is empty");
    }

    @Test
    void binaryFile() throws Exception {
        Path file = Files.write(
                dir.resolve("image.yaml"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        Problem p = onlyOf(file);
        assertThat(p.message()).isEqualTo("the file is binary (it contains NUL bytes), not YAML text");
        assertThat(p.line()).isEqualTo(3);
        assertThat(only("name: a\0b\n").message()).contains("binary");
    }

    @Test
    void invalidUtf8() throws Exception {
        byte[] latin1 = "name: minimal\nyears: {from: 2013, to: 2015}\ndescription: caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Problem p = onlyOf(Files.write(dir.resolve("latin1.yaml"), latin1));
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).startsWith("the file is not UTF-8 text");
        assertThat(p.message()).doesNotContain("\u00e9").doesNotContain("0xe9");
    }

    @Test
    void byteOrderMarkAndCrlfAreFine() throws Exception {
        String crlf = "\uFEFF" + Fixtures.minimal().replace("\n", "\r\n");
        Path file = Files.write(dir.resolve("windows.yaml"), crlf.getBytes(StandardCharsets.UTF_8));
        assertThat(ScenarioParser.parse(file)).isEqualTo(ScenarioParser.parse(Fixtures.minimal(), "f"));
    }

    @Test
    void syntaxErrorHasLineAndColumn() {
        Problem p = only("name: minimal\nyears: {from: 2013, to: 2015\npopulation:\n  size: 1\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isGreaterThan(0);
        assertThat(p.path()).isEmpty();
        assertThat(p.message()).startsWith("invalid YAML: ").doesNotContain("\n");
        Problem colon = only("name: minimal: twice\n");
        assertThat(colon)
                .isEqualTo(new Problem(Fixtures.FILE, 1, 14, "", "invalid YAML: mapping values are not allowed here"));
    }

    @Test
    void tabIndentation() {
        Problem p = only("name: minimal\npopulation:\n\tsize: 1\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).startsWith("invalid YAML: ");
    }

    @Test
    void nonPrintableCharacter() {
        Problem p = only("name: minimal\nyears: {from: 2013, to: 2015}\ndescription: bell \u0007\n");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).contains("U+0007");
    }

    @Test
    void topLevelMustBeAMapping() {
        Problem p = only("- name: minimal\n");
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.message())
                .startsWith("expected a mapping of the keys name, description, years")
                .endsWith("got a list");
        assertThat(only("just words\n").message()).endsWith("got 'just words'");
    }

    @Test
    void oneDocumentOnly() {
        Problem p = only(Fixtures.minimal() + "---\nname: second\n");
        assertThat(p.line()).isEqualTo(86);
        assertThat(p.message()).contains("single document");
    }

    @Test
    @Timeout(10)
    void aliasBombIsRefused() {
        StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        Problem p = only(b.toString());
        assertThat(p.message()).contains("too many YAML aliases");
        // where the limit was hit: the 51st alias of a list, on the line of a6 (9 + 9 x 4 + 6 = 51)
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.column())
                .isEqualTo(b.toString().lines().toList().get(6).indexOf("*a5, *a5, *a5, *a5, *a5, *a5") + 1 + 5 * 5);
    }

    @Test
    void nestingTooDeepIsPlaced() {
        StringBuilder b = new StringBuilder("name: deep\ndescription:\n");
        for (int i = 0; i < 60; i++) {
            b.append("  ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        Problem p = only(b.toString());
        assertThat(p.message()).startsWith("lists and mappings nested more than 50 deep");
        // the top level is the first mapping; the one starting at key k49 (line 52) is the 51st
        assertThat(p.line()).isEqualTo(52);
        assertThat(p.column()).isEqualTo(101);
        assertThat(p.toString()).startsWith(Fixtures.FILE + ":52:101: ");
    }

    @Test
    void nonPrintableCharacterIsPlaced() {
        Problem p = only("name: minimal\ndescription: bell \u0007\n");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(19);
    }

    @Test
    void encodingErrorsArePlacedByTheirByteOffset() throws Exception {
        // "caf\u00e9 " in UTF-8 is 6 bytes for 5 characters: the Latin-1 byte after it is the 20th character
        byte[] head = "name: minimal\ndescription: caf\u00e9 ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xe9;
        bytes[head.length + 1] = '\n';
        Problem p = onlyOf(Files.write(dir.resolve("mixed.yaml"), bytes));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(19);
        Problem nul =
                onlyOf(Files.write(dir.resolve("nul.yaml"), "name: a\nx: ab\0\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(nul.line()).isEqualTo(2);
        assertThat(nul.column()).isEqualTo(6);
        assertThat(only("name: a\nx: ab\0\n").column()).isEqualTo(6);
    }

    @Test
    void scalarAliasesAreFine() throws ScenarioException {
        String t = Fixtures.edit("    rate: 2.0 ", "    rate: &r 2.0");
        t = Fixtures.edit(t, "    rate: 0.2\n", "    rate: *r\n");
        assertThat(ScenarioParser.parse(t, "f").behaviours().get("volunteering").rate())
                .isEqualTo(Curve.constant(2.0));
    }

    @Test
    void undefinedAndRecursiveAliases() {
        assertThat(only("name: *nothing\n").message()).startsWith("invalid YAML: found undefined alias");
        assertThat(Fixtures.problems("name: minimal\nyears: &y {from: *y}\n")).isNotEmpty();
    }

    @Test
    @Timeout(10)
    void fileOver16MiBIsRefusedUnread() throws Exception {
        Path file = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(17L * 1024 * 1024);
        }
        assertThat(onlyOf(file).message()).isEqualTo("the file is 17 MiB; scenario files are limited to 16 MiB");
    }

    @Test
    void textOver16MiBIsRefused() {
        String text = "#" + " ".repeat(17 * 1024 * 1024);
        assertThat(only(text))
                .isEqualTo(new Problem(
                        Fixtures.FILE, 0, 0, "", "the file is over 16 MiB; scenario files are limited to 16 MiB"));
    }
}

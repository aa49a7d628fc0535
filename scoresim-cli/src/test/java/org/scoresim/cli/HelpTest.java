package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code scoresim --help} lists every command with a whole sentence, on one line. */
class HelpTest {
    @Test
    void everyCommandIsListedWithAWholeSentence() {
        StringWriter out = new StringWriter();
        int code = Main.execute(
                new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        String help = out.toString();
        List<String> commands = help.substring(help.indexOf("Commands:"))
                .lines()
                .skip(1)
                .takeWhile(l -> !l.isBlank())
                .toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(8);
        for (String line : commands) {
            assertThat(line).as("one line per command, not a continued one").matches("  [a-z]+ +\\S.*");
            assertThat(line.strip()).as("a whole sentence").endsWith(".");
            assertThat(line.length()).isLessThanOrEqualTo(100);
        }
    }
}

package org.scoresim.cli;

import java.io.PrintWriter;
import org.scoresim.engine.results.ClaimFigures;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Scenario;

/**
 * The console form of {@link ClaimFigures}: each claim of the scenario, the model's figures beside
 * it and the explanation (for the press figure: people versus purchases, per year versus cumulative).
 */
final class ClaimTable {
    private ClaimTable() {}

    static void print(Results r, PrintWriter out) {
        for (ClaimFigures.Figures f : ClaimFigures.of(r)) {
            Scenario.Claim c = f.claim();
            out.println();
            // texts of the scenario: shown with any control character escaped
            out.println("The " + ConsoleText.of(c.by()) + " figure, explained (" + c.year() + ")");
            out.printf(
                    "  %-74s %10s%n",
                    ConsoleText.of(c.by() + ": \"" + c.wording() + "\""),
                    ConsoleTable.compact(Math.round(c.claimed())));
            for (int i = 0; i < c.beside().size(); i++) {
                out.printf(
                        "  %-74s %10s%n",
                        "model: " + ConsoleText.of(c.beside().get(i).label()),
                        ConsoleTable.compact(f.model().get(i)));
            }
            if (c.explanation() != null) {
                wrap(ConsoleText.of(c.explanation()), out);
            }
        }
    }

    private static void wrap(String text, PrintWriter out) {
        StringBuilder line = new StringBuilder(" ");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() > 86) {
                out.println(line);
                line = new StringBuilder(" ");
            }
            line.append(' ').append(word);
        }
        out.println(line);
    }
}

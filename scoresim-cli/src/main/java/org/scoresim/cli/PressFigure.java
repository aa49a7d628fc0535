package org.scoresim.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.scoresim.engine.results.PressClaim;
import org.scoresim.engine.results.Results;

/** The console form of {@link PressClaim}: people versus purchases, per year versus cumulative. */
final class PressFigure {
    private PressFigure() {}

    static void print(Results r, PrintWriter out) {
        Map<String, Object> claim = PressClaim.of(r);
        if (claim == null) {
            return;
        }
        out.println();
        out.println("The press figure, explained (" + claim.get("year") + ")");
        out.printf("  %-74s %10s%n", "press: \"" + claim.get("press_claim") + "\"", ConsoleTable.compact((long) claim.get("press_value")));
        out.printf("  %-74s %10s%n", "model: distinct people under a travel ban at any time in " + claim.get("year"),
                ConsoleTable.compact((long) claim.get("people_banned")));
        out.printf("  %-74s %10s%n", "model: blocked ticket purchases in " + claim.get("year"),
                ConsoleTable.compact((long) claim.get("blocked_in_year")));
        out.printf("  %-74s %10s%n", "model: blocked ticket purchases, cumulative since " + claim.get("since"),
                ConsoleTable.compact((long) claim.get("blocked_cumulative")));
        StringBuilder line = new StringBuilder(" ");
        for (String word : ((String) claim.get("explanation")).split(" ")) {
            if (line.length() + word.length() > 86) {
                out.println(line);
                line = new StringBuilder(" ");
            }
            line.append(' ').append(word);
        }
        out.println(line);
    }
}

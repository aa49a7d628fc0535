package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.scoresim.engine.results.Audit;
import org.scoresim.store.AuditRows;
import org.scoresim.store.ResultsDatabase;
import org.scoresim.store.ResultsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "audit",
        header = "Prints the fairness audit of a finished run, with intervals and four-fifths verdicts.",
        mixinStandardHelpOptions = true,
        description = {
            "Reads the audit table of a run's " + ResultsDatabase.FILE + " and prints, for each sanction and",
            "attribute, every group's size, the people sanctioned, the rate, the ratio of the rate to a",
            "reference group with its 95% interval, the four-fifths verdict, the wrongful rate and share, and",
            "the years its members spent in the lowest tier.",
            "",
            "The reference is the group with the lowest rate above 0 unless --reference names another.",
            "The four-fifths rule, read both ways, asks for a ratio between 0.8 and 1.25: a group fails when",
            "its whole interval lies outside, passes when it lies inside, and is inconclusive when it crosses",
            "either line (too few people simulated to tell). docs/OUTPUTS.md describes every column."
        },
        footer = {
            "",
            "Examples:",
            "  ./scoresim audit runs/china-2013-2020-20261129-003120",
            "  ./scoresim audit runs/china-2013-2020-20261129-003120 --sanction school_restriction --attribute income",
            "  ./scoresim audit runs/china-2013-2020-20261129-003120 --intersect province,income --year 2018",
            "  ./scoresim audit runs/minimal-20261129-003120 --reference urban --json"
        })
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "RUN_DIR",
            description = "a run's output directory (it holds " + ResultsDatabase.FILE + ")")
    Path dir;

    @Option(names = "--year", paramLabel = "YEAR", description = "the year to print (default: the run's last year)")
    Integer year;

    @Option(
            names = "--sanction",
            paramLabel = "NAME",
            description = "only this sanction (default: every sanction that someone had in the year)")
    String sanction;

    @Option(
            names = "--attribute",
            paramLabel = "NAME",
            description = "only this attribute (default: every attribute of the scenario)")
    String attribute;

    @Option(
            names = "--reference",
            paramLabel = "GROUP",
            description = "measure every group against this one wherever an attribute has it (default: the lowest"
                    + " rate above 0)")
    String reference;

    @Option(
            names = "--intersect",
            paramLabel = "ATTR,ATTR",
            description =
                    "the groups of two attributes combined, such as province,income, instead of single attributes")
    String intersect;

    @Option(names = "--json", description = "print the rows as a JSON array, with the columns of the audit table")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            err.println("scoresim: " + problem.get());
            return Main.BAD_INPUT;
        }
        Path db = dir.resolve(ResultsDatabase.FILE);
        List<Audit.Row> all;
        Optional<ResultsFile.Run> run;
        try {
            ResultsFile file = ResultsFile.in(dir).orElseThrow();
            all = file.audit();
            run = file.run();
        } catch (IOException | RuntimeException e) {
            // DuckDB's words: a damaged or foreign file, or a database written before the audit had its columns
            err.println("scoresim: cannot read the audit of " + ConsoleText.of(db) + ": "
                    + ConsoleText.of(oneLine(e.getMessage()))
                    + " (a run written by an older scoresim has an older audit table; run it again)");
            return Main.BAD_INPUT;
        }
        if (all.isEmpty()) {
            err.println("scoresim: " + ConsoleText.of(db) + " has no audit rows: its scenario has no sanction");
            return Main.BAD_INPUT;
        }
        Set<Integer> years = new LinkedHashSet<>();
        Set<String> sanctions = new LinkedHashSet<>();
        Set<String> attributes = new LinkedHashSet<>();
        all.forEach(a -> {
            years.add(a.year());
            sanctions.add(a.sanction());
            attributes.add(a.attribute());
        });
        int y = year != null
                ? year
                : years.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (!years.contains(y)) {
            return bad("--year " + y + ": the run covers " + first(years) + " to " + last(years));
        }
        if (sanction != null && !sanctions.contains(sanction)) {
            return bad(
                    "--sanction: no sanction '" + sanction + "' in this run; it has " + String.join(", ", sanctions));
        }
        List<String> singles =
                attributes.stream().filter(a -> !a.contains(Audit.JOIN)).toList();
        String shown;
        if (intersect != null) {
            String[] pair = intersect.split(Audit.JOIN, -1);
            if (pair.length != 2 || pair[0].equals(pair[1])) {
                return bad("--intersect: expected two different attributes joined by a comma, such as "
                        + (singles.size() >= 2 ? singles.get(0) + "," + singles.get(1) : "province,income")
                        + "; got '" + intersect + "'");
            }
            for (String a : pair) {
                if (!singles.contains(a)) {
                    return bad(
                            "--intersect: no attribute '" + a + "' in this run; it has " + String.join(", ", singles));
                }
            }
            String forward = pair[0] + Audit.JOIN + pair[1];
            shown = attributes.contains(forward) ? forward : pair[1] + Audit.JOIN + pair[0];
        } else {
            if (attribute != null && !singles.contains(attribute)) {
                return bad("--attribute: no attribute '" + attribute + "' in this run; it has "
                        + String.join(", ", singles));
            }
            shown = attribute;
        }
        final String only = shown;
        List<Audit.Row> rows = AuditRows.filter(
                all,
                a -> a.year() == y
                        && (sanction == null || sanction.equals(a.sanction()))
                        && (only != null
                                ? only.equals(a.attribute())
                                : !a.attribute().contains(Audit.JOIN)));
        if (reference != null) {
            if (rows.stream().noneMatch(a -> a.group().equals(reference))) {
                Set<String> groups = new LinkedHashSet<>();
                rows.forEach(a -> groups.add(a.group()));
                return bad("--reference: no group '" + reference + "' in the groups shown; they are "
                        + String.join(", ", groups.stream().limit(40).toList())
                        + (groups.size() > 40 ? ", ..." : ""));
            }
            rows = AuditRows.against(rows, reference);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(rows.stream().map(AuditRows::toMap).toList()));
        } else {
            print(out, run, y, rows);
        }
        out.flush();
        return 0;
    }

    private Optional<String> problem() {
        if (!Files.isDirectory(dir)) {
            return Optional.of(ConsoleText.of(dir)
                    + " is not a directory; give a run's output directory (runs/<scenario>-<time>)");
        }
        if (!Files.isRegularFile(dir.resolve(ResultsDatabase.FILE))) {
            return Optional.of(ConsoleText.of(dir) + " has no " + ResultsDatabase.FILE
                    + "; it is not a finished run's directory (or the run predates the results database)");
        }
        return Optional.empty();
    }

    private int bad(String message) {
        spec.commandLine().getErr().println("scoresim: " + message);
        return Main.BAD_INPUT;
    }

    private void print(PrintWriter out, Optional<ResultsFile.Run> run, int y, List<Audit.Row> rows) {
        run.ifPresent(r -> out.println("Audit of " + r.scenario() + ", seed " + r.seed() + ", "
                + (r.sample() >= 1 ? "every household" : percent(r.sample()) + " of households") + ", " + y));
        out.println("ratio: the group's rate over the reference group's"
                + (reference == null ? " (the lowest rate above 0)" : "")
                + "; four-fifths rule: fails when the 95% interval lies");
        out.println("outside 0.8 to 1.25, passes inside, inconclusive across a line. Counts are scaled to the"
                + " represented population.");
        Map<String, List<Audit.Row>> blocks = new LinkedHashMap<>();
        rows.forEach(a -> blocks.computeIfAbsent(a.sanction() + " by " + a.attribute(), k -> new ArrayList<>())
                .add(a));
        int skipped = 0;
        for (Map.Entry<String, List<Audit.Row>> b : blocks.entrySet()) {
            List<Audit.Row> block = b.getValue();
            if (sanction == null && block.stream().allMatch(a -> a.sanctioned() == 0)) {
                skipped++;
                continue;
            }
            Audit.Row head = block.get(0);
            out.println();
            out.println(b.getKey()
                    + (head.reference() == null ? " (nobody sanctioned)" : " (reference: " + head.reference() + ")"));
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {
                "group",
                "people",
                "sanctioned",
                "per 1,000",
                "ratio",
                "95% interval",
                "four-fifths",
                "wrongful",
                "wrongful share",
                "lowest-tier years"
            });
            for (Audit.Row a : block) {
                lines.add(new String[] {
                    a.group(),
                    String.format(Locale.ROOT, "%,d", a.people()),
                    String.format(Locale.ROOT, "%,d", a.sanctioned()),
                    a.rate() == null ? "-" : String.format(Locale.ROOT, "%.2f", 1000 * a.rate()),
                    a.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", a.ratio()),
                    a.ratioHi() == null ? "-" : String.format(Locale.ROOT, "%.2f - %.2f", a.ratioLo(), a.ratioHi()),
                    a.verdict() == null ? "-" : a.verdict(),
                    String.format(Locale.ROOT, "%,d", a.wrongful()),
                    a.wrongfulShare() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * a.wrongfulShare()),
                    a.lowestTierYears() == null ? "-" : String.format(Locale.ROOT, "%.3f", a.lowestTierYears())
                });
            }
            table(out, lines);
        }
        if (skipped > 0) {
            out.println();
            out.println(skipped + " sanction" + (skipped == 1 ? "" : "s")
                    + " by attribute left out: nobody had them in " + y + " (--sanction NAME shows one anyway).");
        }
    }

    /** Columns padded to their widest cell: the first left-aligned, the others right-aligned. */
    private static void table(PrintWriter out, List<String[]> lines) {
        int[] width = new int[lines.get(0).length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder b = new StringBuilder("  ");
            for (int i = 0; i < l.length; i++) {
                String cell = ConsoleText.of(l[i]);
                if (i == 0) {
                    b.append(cell).append(" ".repeat(width[i] - l[i].length()));
                } else {
                    b.append("  ").append(" ".repeat(width[i] - l[i].length())).append(cell);
                }
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String percent(double f) {
        double p = 100 * f;
        return (p == Math.rint(p) ? Long.toString(Math.round(p)) : Double.toString(p)) + "%";
    }

    private static int first(Set<Integer> years) {
        return years.stream().mapToInt(Integer::intValue).min().orElseThrow();
    }

    private static int last(Set<Integer> years) {
        return years.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static String oneLine(String message) {
        return message == null
                ? "unknown failure"
                : message.replaceAll("\\s+", " ").trim();
    }
}

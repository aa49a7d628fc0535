package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself: every Markdown document a tracked file names is a tracked file,
 * every relative link of a Markdown page leads to a file, and no tracked file points at a folder of
 * the machine it was written on (a user's clone has none of them). Reads the files git tracks, as a
 * fresh clone has them.
 */
class RepositoryReferencesTest {
    private static final Path ROOT = Fixtures.SCENARIOS.getParent();
    /** A Markdown file name, as a reader would follow it. */
    private static final Pattern DOCUMENT = Pattern.compile("\\b[A-Za-z0-9_-]+\\.md\\b");
    /** A path of a build machine's home or work folders, or of the design notes outside the repository. */
    private static final Pattern OUTSIDE =
            Pattern.compile("(?<![\\w.~$])/(?:work|root|home)/[\\w.-]|\\.\\./shared/|shared[/]design");

    /** The target of a Markdown link or image, without its anchor: {@code [text](target#anchor)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(?:#[^)\\s]*)?\\)");

    private static List<String> tracked;

    @BeforeAll
    static void trackedFiles() throws Exception {
        tracked = gitLsFiles();
        Assumptions.assumeTrue(tracked != null, "not a git checkout: no tracked files to check");
    }

    /** The files git tracks, relative to the root; null outside a git checkout. */
    private static List<String> gitLsFiles() throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "ls-files", "-z")
                    .directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return null; // no git on this machine
        }
        byte[] out;
        try (InputStream in = git.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            return null;
        }
        return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\0"))
                .filter(f -> !f.isEmpty())
                .toList();
    }

    /** A tracked text file's content; null for a binary one or one missing from the working tree. */
    private static String text(String file) throws IOException {
        Path p = ROOT.resolve(file);
        if (file.endsWith(".png") || file.endsWith(".jar") || !Files.isRegularFile(p)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(p);
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void everyDocumentNamedIsInTheRepository() throws Exception {
        Set<String> names =
                tracked.stream().map(f -> f.substring(f.lastIndexOf('/') + 1)).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (String file : tracked) {
            String text = text(file);
            if (text == null) {
                continue;
            }
            Set<String> named = new TreeSet<>();
            Matcher m = DOCUMENT.matcher(text);
            while (m.find()) {
                if (!names.contains(m.group())) {
                    named.add(m.group());
                }
            }
            named.forEach(n -> missing.add(file + " names " + n));
        }
        assertThat(missing)
                .as("documents named that the repository does not have")
                .isEmpty();
    }

    @Test
    void everyRelativeLinkOfAMarkdownPageLeadsToAFile() throws Exception {
        List<String> broken = new ArrayList<>();
        for (String file : tracked) {
            String text = file.endsWith(".md") ? text(file) : null;
            if (text == null) {
                continue;
            }
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.isEmpty() || target.matches("[a-z]+:.*")) {
                    continue; // an anchor of the page itself, or a web address
                }
                Path folder = ROOT.resolve(file).getParent();
                if (!Files.exists(folder.resolve(target).normalize())) {
                    broken.add(file + " links to " + target);
                }
            }
        }
        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    @Test
    void noTrackedFilePointsOutsideTheRepository() throws Exception {
        List<String> outside = new ArrayList<>();
        for (String file : tracked) {
            String text = text(file);
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = OUTSIDE.matcher(lines[i]);
                if (m.find()) {
                    outside.add(file + ":" + (i + 1) + ": " + lines[i].trim());
                }
            }
        }
        assertThat(outside)
                .as("paths of a build machine or outside the repository")
                .isEmpty();
    }

    @Test
    void thePatternsFindWhatTheyLookFor() {
        assertThat(DOCUMENT.matcher("see docs/MODEL" + ".md section 8").find()).isTrue();
        assertThat(OUTSIDE.matcher("Wrote /" + "work/main/runs/x/summary.json").find())
                .isTrue();
        assertThat(OUTSIDE.matcher("cd /" + "home/alice/scoresim").find()).isTrue();
        assertThat(OUTSIDE.matcher("Wrote runs/minimal/summary.json; see /tmp/docs-run")
                        .find())
                .isFalse();
        Matcher link = LINK.matcher("see [the model](docs/MODEL" + ".md#3-behaviour) and [top](#top)");
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo("docs/MODEL" + ".md");
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEmpty();
        assertThat(OUTSIDE.matcher("export PATH=$HOME/bin and ~/" + "work/x").find())
                .isFalse();
    }
}

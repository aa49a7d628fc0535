package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A file with more problems than anyone reads: the first ones in file order, and how many there are. */
class ManyProblemsTest {
    @Test
    void theFirstHundredInFileOrderAndTheTotal() {
        StringBuilder b = new StringBuilder(Fixtures.minimal());
        for (int i = 0; i < 5000; i++) {
            b.append("unknown_").append(i).append(": 1\n");
        }
        // one problem near the top, found after many others: it must be among those kept
        String text = b.toString().replace("  size: 1000000", "  size: -1");
        ScenarioException e = Fixtures.exception(text);
        assertThat(e.total()).isEqualTo(5001);
        assertThat(e.getMessage()).isEqualTo("5,001 problems in " + Fixtures.FILE);
        List<Problem> listed = e.problems();
        assertThat(listed).hasSize(ScenarioException.MAX_LISTED);
        assertThat(listed.get(0).path()).isEqualTo("population.size");
        assertThat(listed.get(1).path()).isEqualTo("unknown_0");
        assertThat(listed.get(99).path()).isEqualTo("unknown_98");
        assertThat(listed)
                .isSortedAccordingTo(
                        java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    }

    @Test
    void aFewProblemsAreAllListed() {
        ScenarioException e = Fixtures.exception(Fixtures.minimal() + "a: 1\nb: 2\n");
        assertThat(e.total()).isEqualTo(2);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).isEqualTo("2 problems in " + Fixtures.FILE);
    }
}

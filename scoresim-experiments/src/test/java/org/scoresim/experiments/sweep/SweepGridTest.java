package org.scoresim.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grid: the cartesian product of the --set values, the first key varying slowest. */
class SweepGridTest {
    @Test
    void pointsAreEveryCombinationWithTheLastKeyVaryingFastest() {
        SweepGrid g = SweepGrid.parse(List.of("a=1,2", "b=x,y,z"));
        assertThat(g.size()).isEqualTo(6);
        assertThat(g.keys()).containsExactly("a", "b");
        List<String> points = new ArrayList<>();
        for (Map<String, String> p : g.points()) {
            assertThat(p.keySet()).as("the keys in the order given").containsExactly("a", "b");
            points.add(p.get("a") + p.get("b"));
        }
        assertThat(points).containsExactly("1x", "1y", "1z", "2x", "2y", "2z");
        assertThat(g.point(4))
                .isEqualTo(g.points().get(4))
                .containsEntry("a", "2")
                .containsEntry("b", "y");
    }

    @Test
    void threeKeysNestAsLoopsInTheOrderGiven() {
        SweepGrid g = SweepGrid.parse(List.of("k=1,2", "m=a", "n=p,q"));
        assertThat(g.points()).extracting(p -> String.join("", p.values())).containsExactly("1ap", "1aq", "2ap", "2aq");
    }

    @Test
    void valuesAreStrippedAndTheDescriptionNamesEveryKeyOnItsLine() {
        SweepGrid g = SweepGrid.parse(List.of(" a = 1 , 2", "b=x"));
        assertThat(g.values(0)).containsExactly("1", "2");
        assertThat(g.describe()).isEqualTo("a=1,2\nb=x");
    }

    @Test
    void malformedOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> SweepGrid.parse(List.of("novalues")))
                .hasMessageContaining("--set expects KEY=V1,V2,...")
                .hasMessageContaining("'novalues'");
        assertThatThrownBy(() -> SweepGrid.parse(List.of("a=1", "a=2")))
                .hasMessage("--set a is given twice; list all its values in one --set");
        assertThatThrownBy(() -> SweepGrid.parse(List.of("a=1,,2"))).hasMessage("--set a: an empty value in '1,,2'");
        assertThatThrownBy(() -> SweepGrid.parse(List.of("a=1,1"))).hasMessage("--set a: the value 1 is listed twice");
    }

    @Test
    void aGridOfMoreThanTheLimitIsRefused() {
        String hundred = String.join(
                ",",
                java.util.stream.IntStream.range(0, 100)
                        .mapToObj(Integer::toString)
                        .toList());
        assertThat(SweepGrid.parse(List.of("a=" + hundred, "b=" + hundred)).size())
                .isEqualTo(SweepGrid.MAX_POINTS);
        assertThatThrownBy(() -> SweepGrid.parse(List.of("a=" + hundred, "b=" + hundred, "c=1,2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + SweepGrid.MAX_POINTS + " points");
    }
}

package org.scoresim.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.experiments.sweep.SweepStatistics.Estimate;
import org.scoresim.experiments.sweep.SweepStatistics.Output;
import org.scoresim.model.Scenario;

/** Per point and output: mean, 95% t interval, sd, min, max over the replications; which outputs. */
class SweepStatisticsTest {
    static final Output FLIGHTS = new Output("sanctioned", "flight_ban", false);
    static final Output WRONGFUL = new Output("wrongful", "flight_ban", true);

    @Test
    void anEstimateIsTheMeanWithItsTIntervalOverTheReplications() {
        Estimate e = Estimate.of(FLIGHTS, List.of(10L, 12L, 14L));
        assertThat(e.mean()).isEqualTo(12.0);
        assertThat(e.sd()).isEqualTo(2.0);
        assertThat(e.min()).isEqualTo(10.0);
        assertThat(e.max()).isEqualTo(14.0);
        // t(0.975, 2 degrees of freedom) = 4.302653; half width t * sd / sqrt(3)
        double half = 4.302653 * 2 / Math.sqrt(3);
        assertThat(e.lo()).isCloseTo(12 - half, within(1e-5));
        assertThat(e.hi()).isCloseTo(12 + half, within(1e-5));
        assertThat(e.values()).containsExactly(10L, 12L, 14L);
    }

    @Test
    void theIntervalIsCutAtZeroAndOneReplicationIsItsOwnInterval() {
        Estimate low = Estimate.of(FLIGHTS, List.of(0L, 0L, 3L));
        assertThat(low.lo()).isZero();
        assertThat(low.hi()).isGreaterThan(3);
        Estimate one = Estimate.of(FLIGHTS, List.of(7L));
        assertThat(List.of(one.mean(), one.lo(), one.hi(), one.min(), one.max()))
                .containsOnly(7.0);
        assertThat(one.sd()).isNaN();
        Estimate none = Estimate.of(FLIGHTS, List.of());
        assertThat(List.of(none.mean(), none.lo(), none.hi(), none.sd(), none.min(), none.max()))
                .allMatch(v -> v.isNaN());
    }

    @Test
    void pointsCarryTheirSettingsAndOutputsZeroEverywhereAreHiddenWhenAsked() {
        SweepGrid grid = SweepGrid.parse(List.of("b=1,2", "a=x"));
        Map<String, Map<String, Map<Integer, List<Long>>>> year = Map.of(
                "sanctioned", Map.of("flight_ban", Map.of(0, List.of(5L, 7L), 1, List.of(9L, 11L))),
                "wrongful", Map.of("flight_ban", Map.of(0, List.of(0L, 0L), 1, List.of(0L, 0L))));
        List<SweepStatistics.Point> points = SweepStatistics.compute(List.of(FLIGHTS, WRONGFUL, FLIGHTS), grid, year);
        assertThat(points).hasSize(2);
        assertThat(points.get(1).index()).isEqualTo(1);
        assertThat(points.get(1).set().keySet()).containsExactly("b", "a");
        assertThat(points.get(1).set()).containsEntry("b", "2");
        assertThat(points.get(0).estimates())
                .extracting(Estimate::output)
                .as("wrongful hidden, flights once")
                .containsExactly(FLIGHTS);
        assertThat(points.get(1).estimates().get(0).mean()).isEqualTo(10.0);

        Map<String, Map<String, Map<Integer, List<Long>>>> some =
                Map.of("wrongful", Map.of("flight_ban", Map.of(0, List.of(0L, 0L), 1, List.of(0L, 1L))));
        assertThat(SweepStatistics.compute(List.of(WRONGFUL), grid, some).get(0).estimates())
                .as("shown at every point when not zero everywhere")
                .extracting(Estimate::mean)
                .containsExactly(0.0);
    }

    @Test
    void outputsByDefaultAreSanctionsModesAndWrongfulSanctionsElseThoseAskedFor() {
        Scenario s = Sim.scenario(Sim.resource("scenarios/minimal.yaml"));
        assertThat(SweepStatistics.outputs(s, null))
                .extracting(Output::label)
                .containsExactly(
                        "sanctioned: flight_ban",
                        "sanctioned: hsr_ban",
                        "sanctioned: school_restriction",
                        "blocked: flight",
                        "blocked: hsr",
                        "wrongful: flight_ban",
                        "wrongful: hsr_ban",
                        "wrongful: school_restriction");
        assertThat(SweepStatistics.outputs(s, List.of()))
                .allMatch(o -> o.hideIfZero() == o.metric().equals("wrongful"));
        assertThat(SweepStatistics.outputs(s, List.of("blocked", "population", "blocked:hsr")))
                .extracting(Output::label)
                .containsExactly("blocked: flight", "blocked: hsr", "population");
        assertThatThrownBy(() -> SweepStatistics.outputs(s, List.of("blocked:bus")))
                .hasMessage(
                        "--metric blocked:bus: the scenario has no such item for blocked; expected one of flight, hsr");
        assertThatThrownBy(() -> SweepStatistics.outputs(s, List.of("nosuch")))
                .hasMessageStartingWith("--metric: unknown metric 'nosuch'");
    }
}

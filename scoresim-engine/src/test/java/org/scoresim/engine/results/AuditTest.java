package org.scoresim.engine.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;

/**
 * docs/MODEL.md 7, audit outputs: per sanction and attribute value the rate sanctioned / population,
 * the disparate-impact ratio (lowest rate / highest rate, failing the four-fifths rule below 0.8)
 * and the wrongful share. Urban people offend 1.5 / 0.3 = 5 times as often as rural people, but
 * receive false matches at the same rate.
 */
class AuditTest {
    static final String SCENARIO = """
            name: audit
            years: {from: 2013, to: 2013}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
                setting: {urban: 0.6, rural: 0.4}
            channels:
              cameras: {coverage: 1.0, false_match: 0.2}
            behaviours:
              jaywalking:
                who: adults
                rate: 0.5
                multipliers: {setting: {urban: 1.5, rural: 0.3}}
                detection:
                  - {channel: cameras, probability: 0.8}
                points: 0
                lists: [watchlist]
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 0}
            lists:
              watchlist: {active_from: 2013}
            sanctions:
              ban: {when: {lists: [watchlist]}}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void ratesRatiosAndWrongfulSharesPerValue() {
        Results r = Sim.run(SCENARIO);
        Map<String, Object> setting =
                (Map<String, Object>) ((Map<String, Object>) Audit.of(r, 0).get("ban")).get("setting");
        Map<String, Object> rates = (Map<String, Object>) setting.get("rates");
        Map<String, Object> wrongful = (Map<String, Object>) setting.get("wrongful_share");
        double lp = 0.5 * 0.8;
        double received = 0.2 * lp * (0.6 * 1.5 + 0.4 * 0.3);
        double[] expected = new double[2];
        String[] values = {"urban", "rural"};
        for (int i = 0; i < 2; i++) {
            String v = values[i];
            long n = r.raw(0, "setting", v, "population", "");
            long sanctioned = r.raw(0, "setting", v, "sanctioned", "ban");
            long wrong = r.raw(0, "setting", v, "wrongful", "ban");
            assertThat((Double) rates.get(v)).isEqualTo((double) sanctioned / n);
            assertThat((Double) wrongful.get(v)).isEqualTo((double) wrong / sanctioned);
            double own = (v.equals("urban") ? 1.5 : 0.3) * lp * 0.8;
            expected[i] = 1 - Math.exp(-(own + received));
            Expect.binomial("sanctioned " + v, sanctioned, n, expected[i]);
            Expect.binomial("wrongful " + v, wrong, n, Math.exp(-own) * (1 - Math.exp(-received)));
        }
        double ratio = (Double) setting.get("disparate_impact");
        assertThat(ratio).isEqualTo((Double) rates.get("rural") / (Double) rates.get("urban"));
        assertThat(ratio).isCloseTo(expected[1] / expected[0], org.assertj.core.data.Offset.offset(0.02));
        assertThat(setting.get("four_fifths_fails")).isEqualTo(true);
        // false matches fall on the innocent: the wrongful share is higher among rural people
        assertThat((Double) wrongful.get("rural")).isGreaterThan((Double) wrongful.get("urban"));
    }
}

package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outputs reference (docs/OUTPUTS.md) has one row per {@link Metric}, with its unit, in output order, and no other. */
class OutputsReferenceTest {
    private static final Path PAGE = ReferenceTables.DOCS.resolve("OUTPUTS.md");

    @Test
    void everyMetricHasARowWithItsUnitAndNoRowNamesAnotherMetric() throws Exception {
        Map<String, String> page = new LinkedHashMap<>();
        for (List<String> row : ReferenceTables.rows(PAGE, "metric")) {
            String name = ReferenceTables.code(row.get(0));
            assertThat(name)
                    .as("a metric row starts with the metric's name in backquotes: %s", row)
                    .isNotNull();
            assertThat(page.put(name, row.get(1)))
                    .as("%s is described twice", name)
                    .isNull();
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        Metric.all().forEach(m -> metrics.put(m.key(), m.unit().word()));
        assertThat(page).as("metric: unit, as docs/OUTPUTS.md lists them").isEqualTo(metrics);
        assertThat(List.copyOf(page.keySet())).as("in output order").isEqualTo(Metric.names());
    }
}

package org.scoresim.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/sensitivity} and {@code GET /api/sensitivity/{id}}: the analyses of the runs folder, nothing outside it. */
class SensitivityApiTest {
    @TempDir
    Path runs;

    static final String ANALYSIS = "{\"scenario\":\"minimal\",\"method\":\"sobol\",\"samples\":4,\"replications\":1,"
            + "\"sample\":0.01,\"seed\":1,\"years\":{\"from\":2015,\"to\":2015,\"aggregate\":null,\"label\":\"2015\"},"
            + "\"factors\":[{\"key\":\"lists.court_blacklist.exit_rate\",\"low\":0.1,\"high\":0.6,\"log\":false}],"
            + "\"runs\":{\"total\":12},\"outputs\":[{\"metric\":\"sanctioned:flight_ban\",\"mean\":1.0,\"sd\":0.5,"
            + "\"noise_floor\":null}],\"indices\":[{\"key\":\"lists.court_blacklist.exit_rate\","
            + "\"metric\":\"sanctioned:flight_ban\",\"first_order\":0.9,\"first_order_ci\":[0.8,1.0],"
            + "\"total_order\":1.0,\"total_order_ci\":[0.9,1.1]}]}";

    @Test
    void listsAndReadsTheAnalysesOfTheRunsFolder() throws Exception {
        Files.createDirectories(runs.resolve("minimal-sensitivity-1"));
        Files.writeString(runs.resolve("minimal-sensitivity-1").resolve("sensitivity.json"), ANALYSIS);
        // a run's folder, a broken file: neither is listed
        Files.createDirectories(runs.resolve("a-run"));
        Files.writeString(runs.resolve("a-run").resolve("summary.json"), "{}");
        Files.createDirectories(runs.resolve("broken"));
        Files.writeString(runs.resolve("broken").resolve("sensitivity.json"), "{not json");
        Files.writeString(runs.getParent().resolve("sensitivity.json"), ANALYSIS);
        try (Api api = new Api(runs, 1, 4)) {
            Api.Reply list = api.get("/api/sensitivity");
            assertThat(list.status()).isEqualTo(200);
            JsonNode l = list.json();
            assertThat(l).hasSize(1);
            assertThat(l.get(0).get("id").asText()).isEqualTo("minimal-sensitivity-1");
            assertThat(l.get(0).get("method").asText()).isEqualTo("sobol");
            assertThat(l.get(0).get("runs").asInt()).isEqualTo(12);
            assertThat(l.get(0).get("keys").get(0).asText()).isEqualTo("lists.court_blacklist.exit_rate");
            assertThat(l.get(0).get("metrics").get(0).asText()).isEqualTo("sanctioned:flight_ban");
            Api.Reply one = api.get("/api/sensitivity/minimal-sensitivity-1");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json()
                            .get("indices")
                            .get(0)
                            .get("total_order_ci")
                            .get(1)
                            .asDouble())
                    .isEqualTo(1.1);
            assertThat(api.get("/api/sensitivity/a-run").status()).isEqualTo(404);
            assertThat(api.get("/api/sensitivity/broken").status()).isEqualTo(404);
            assertThat(api.get("/api/sensitivity/..").status()).isEqualTo(404);
            assertThat(api.get("/api/sensitivity/%2E%2E").status()).isEqualTo(404);
        }
    }
}

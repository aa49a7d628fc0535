package org.scoresim.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code OUT/sensitivity.html} of {@code scoresim sensitivity}: one self-contained page (no network)
 * with a bar chart of each output's indices and their 95% intervals, the table of them and the
 * ranges. The page is a template ({@code sensitivity.html} beside this class) with the ECharts
 * library and the analysis's JSON (as {@code sensitivity.json} holds it) inlined.
 */
public final class SensitivityReport {
    /** The file name inside the analysis's directory. */
    public static final String FILE = "sensitivity.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SensitivityReport() {}

    public static void write(Map<String, Object> analysis, Path file) throws IOException {
        Files.writeString(file, html(analysis), StandardCharsets.UTF_8);
    }

    /** The page's text for the analysis's JSON map. */
    public static String html(Map<String, Object> analysis) {
        String data;
        try {
            data = JSON.writeValueAsString(analysis);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's data: " + e.getMessage(), e);
        }
        // no "<" inside <script> (see Report): \u003c means the same inside JSON strings
        data = data.replace("<", "\\u003c");
        String library = Report.resource(Report.ECHARTS, null);
        return Report.resource(FILE, SensitivityReport.class)
                .replace("@TITLE@", Report.escape("scoresim sensitivity: " + analysis.get("scenario")))
                .replace("/*@ECHARTS@*/", library)
                .replace("/*@DATA@*/null", data);
    }
}

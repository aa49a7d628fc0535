package org.scoresim.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON text: pretty for files (summary.json exactly as {@code scoresim run} writes it), compact for answers. */
final class JsonText {
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectMapper COMPACT = new ObjectMapper();

    private JsonText() {}

    static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a request body; a 400 when it is not JSON. */
    static JsonNode read(String text) {
        try {
            JsonNode n = COMPACT.readTree(text);
            if (n == null) {
                throw HttpError.badField("body", "expected a JSON object, got nothing");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw HttpError.badField("body", "not JSON: " + e.getOriginalMessage());
        }
    }
}

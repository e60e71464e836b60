package dev.pipeguard.report.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SARIF shapes code scanning and the SARIF validator insist on: a {@code results} array even when
 * empty, no context region equal to its region, and no snippet without text.
 */
class SarifRegionsTest {

    private static final String PATH = ".github/workflows/w.yml";

    private static JsonNode sarif(List<Finding> findings, List<Notice> notices) throws IOException {
        SourceFile source = SourceFile.of(PATH, "on: push\n\njobs: {}\n");
        Repository repo = new Repository("r", List.of(), List.of(), null, Map.of(PATH, source), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SarifReporter.write(new RunResult(repo, List.of(), findings, notices), "pipeguard", out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void aRunWithoutFindingsStillHasAnEmptyResultsArray() throws IOException {
        JsonNode results = sarif(List.of(), List.of()).at("/runs/0/results");
        assertTrue(results.isArray() && results.isEmpty(), "results must be present and empty, was " + results);
    }

    @Test
    void aWholeLineRegionHasNoContextRegion() throws IOException {
        Finding whole = new Finding("r", Severity.ERROR, "m", Span.of(PATH, 1, 1, 1, 9), null, List.of());
        Finding part = new Finding("r", Severity.ERROR, "m", Span.of(PATH, 1, 5, 1, 9), null, List.of());
        JsonNode results = sarif(List.of(whole, part), List.of()).at("/runs/0/results");
        assertTrue(results.at("/0/locations/0/physicalLocation/contextRegion").isMissingNode());
        assertEquals("on: push", results.at("/1/locations/0/physicalLocation/contextRegion/snippet/text").asText());
    }

    @Test
    void aZeroWidthOrEmptyLineRegionHasNoEmptySnippet() throws IOException {
        Notice atEnd = new Notice(Notice.Kind.INPUT_ERROR, null, "m", Span.of(PATH, 1, 9, 1, 9));
        Notice emptyLine = new Notice(Notice.Kind.INPUT_ERROR, null, "m", Span.of(PATH, 2, 1, 2, 1));
        JsonNode notes = sarif(List.of(), List.of(atEnd, emptyLine)).at("/runs/0/invocations/0/toolExecutionNotifications");
        for (JsonNode n : notes) {
            JsonNode location = n.at("/locations/0/physicalLocation");
            assertFalse(location.toString().contains("\"snippet\":{}"), location.toString());
        }
        assertEquals("on: push", notes.at("/0/locations/0/physicalLocation/contextRegion/snippet/text").asText());
        assertTrue(notes.at("/1/locations/0/physicalLocation/contextRegion").isMissingNode());
    }
}

package dev.pipeguard.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipeguard.load.LocatedTree;
import dev.pipeguard.load.SchemaCheck;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Span;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Findings accepted as they are, by fingerprint ({@link Fingerprints}), as written by
 * {@code check --write-baseline} in the shape of {@code schemas/baseline.schema.json}.
 */
public record Baseline(Set<String> fingerprints) {

    private static final SchemaCheck SCHEMA = SchemaCheck.load("baseline.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String SCHEMA_URI = "https://pipeguard.dev/schemas/baseline.schema.json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String fingerprint, String rule, String location, String message) {
    }

    record Document(@JsonProperty("$schema") String schema, int version, List<Entry> findings) {
    }

    public boolean contains(String fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    /** Reads a baseline file; an unreadable or invalid one adds located problems and gives empty. */
    public static Optional<Baseline> read(Path file, List<Problem> problems) {
        String shown = file.toString().replace('\\', '/');
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(Span.fileStart(shown), "cannot read the baseline: " + e));
            return Optional.empty();
        }
        Optional<LocatedTree> tree = LocatedTree.read(shown, text, problems);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        List<Problem> invalid = SCHEMA.validate(tree.get());
        if (!invalid.isEmpty()) {
            problems.addAll(invalid);
            return Optional.empty();
        }
        Set<String> prints = new LinkedHashSet<>();
        tree.get().root().get("findings").forEach(f -> prints.add(f.get("fingerprint").asText()));
        return Optional.of(new Baseline(Set.copyOf(prints)));
    }

    /** Writes {@code findings} with their {@code fingerprints} (same order) as a baseline file. */
    public static void write(Path file, List<Finding> findings, List<String> fingerprints) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            entries.add(new Entry(fingerprints.get(i), f.ruleId(), f.span().toString(), f.message()));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writeValueAsString(new Document(SCHEMA_URI, 1, entries)) + "\n", StandardCharsets.UTF_8);
    }
}

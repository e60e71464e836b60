package dev.pipeguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.Config;
import dev.pipeguard.engine.Engine;
import dev.pipeguard.engine.RepositoryLoader;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Shared helpers for end-to-end tests: one compiled catalogue, golden text, SARIF schema validation. */
final class Checks {

    static final Path CORPUS = Path.of("..", "shared", "corpus");
    static final Catalogue CATALOGUE = Catalogue.load(List.of());
    private static final JsonSchema SARIF_SCHEMA = sarifSchema();

    private Checks() {
    }

    /** Checks with every built-in pack. */
    static RunResult check(Path dir, Path settings) {
        return check(dir, settings, Engine.BUILT_IN_PACKS);
    }

    /** Checks with the built-in packs named, and nothing else. */
    static RunResult check(Path dir, Path settings, java.util.Set<String> packs) {
        Config only = new Config(packs, Config.defaults().failOn(), java.util.Map.of(), java.util.Map.of(), null);
        return new Engine(CATALOGUE.rules(), only).run(RepositoryLoader.local(dir, settings));
    }

    /** The run as golden text: one line per finding ({@code span: severity [rule] message}), then notices. */
    static List<String> golden(RunResult result) {
        List<String> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            out.add(f.span() + ": " + f.severity().id() + " [" + f.ruleId() + "] " + f.message()
                    + (f.logical() == null ? "" : " {" + f.logical() + "}"));
        }
        for (Notice n : result.notices()) {
            out.add(n.kind().name().toLowerCase() + (n.ruleId() == null ? "" : " [" + n.ruleId() + "]")
                    + (n.span() == null ? "" : " " + n.span()) + ": " + n.message());
        }
        return out;
    }

    /** Schema errors of a SARIF file against schemas/sarif-2.1.0.schema.json; empty when valid. */
    static Set<ValidationMessage> sarifErrors(Path sarif) {
        try {
            JsonNode doc = new ObjectMapper().readTree(sarif.toFile());
            return SARIF_SCHEMA.validate(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema sarifSchema() {
        try (InputStream in = Files.newInputStream(Path.of("schemas", "sarif-2.1.0.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

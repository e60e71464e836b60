package dev.pipeguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipeguard.model.BranchProtection;
import dev.pipeguard.model.Environment;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.RepositorySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the golden files cannot say on their own: equivalences, the bundled example, the schema's own shape. */
class SettingsLoaderTest {

    private static final Path FIXTURES = Path.of("src/test/resources/settings");
    private static final Path EXAMPLE = Path.of("examples/reference-app/repository-settings.yml");

    @Test
    void yamlAndJsonFormsLoadTheSameSettings() {
        RepositorySettings yaml = load(FIXTURES.resolve("valid/full.yml"), "s");
        RepositorySettings json = load(FIXTURES.resolve("valid/full-as-json.json"), "s");
        assertEquals(yaml, json);
    }

    @Test
    void sourceIsTheNameShown() {
        RepositorySettings s = load(FIXTURES.resolve("valid/full.yml"), ".github/settings.yml");
        assertEquals(".github/settings.yml", s.source());
    }

    @Test
    void mapsKeepTheFileOrder() {
        RepositorySettings s = load(FIXTURES.resolve("valid/full.yml"), "s");
        assertEquals(List.of("main", "release/1.x", "scratch"), List.copyOf(s.branches().keySet()));
        assertEquals(List.of("production", "staging"), List.copyOf(s.environments().keySet()));
    }

    @Test
    void missingFileIsAProblemNotAnException(@TempDir Path dir) {
        List<Problem> problems = new ArrayList<>();
        assertTrue(SettingsLoader.load(dir.resolve("nope.yml"), "nope.yml", problems).isEmpty());
        assertEquals("[nope.yml:1:1: cannot read settings: no such file]", problems.toString());
    }

    @Test
    void textThatIsNotUtf8IsAProblemNotAnException(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, new byte[] {'r', 'e', 'p', 'o', ':', ' ', (byte) 0xE9});
        List<Problem> problems = new ArrayList<>();
        assertTrue(SettingsLoader.load(file, "latin1.yml", problems).isEmpty());
        assertEquals("[latin1.yml:1:1: cannot read settings: not UTF-8 text]", problems.toString());
    }

    @Test
    void bundledExampleDescribesTheReferenceProject() {
        RepositorySettings s = load(EXAMPLE, "repository-settings.yml");
        assertEquals("alakob/ai_code_converter", s.repository());
        assertEquals("main", s.defaultBranch());
        assertEquals("read", s.defaultWorkflowPermissions());
        for (String name : List.of("main", "develop")) {
            BranchProtection b = s.branches().get(name);
            assertEquals(Boolean.TRUE, b.isProtected(), name);
            assertEquals(1, b.requiredApprovingReviewCount(), name);
            assertEquals(List.of("test (3.10)", "test (3.11)", "build"), b.requiredStatusChecks(), name);
            assertEquals(Boolean.FALSE, b.allowForcePushes(), name);
            assertEquals(Boolean.FALSE, b.allowDeletions(), name);
        }
        Environment production = s.environments().get("production");
        assertEquals(1, production.requiredReviewerCount());
        assertEquals("custom", production.deploymentBranchPolicy());
        assertEquals(List.of("refs/tags/v*"), production.deploymentBranchPatterns());
        assertTrue(s.environments().containsKey("staging"));
        assertEquals(List.of("DOCKERHUB_USERNAME", "DOCKERHUB_TOKEN"), s.secrets().repository());
    }

    @Test
    void requiredReviewerCountIsDerivedOnlyFromAListedReviewers() {
        Map<String, Environment> envs = load(FIXTURES.resolve("valid/unknown-fields.yml"), "s").environments();
        assertEquals(2, envs.get("production").requiredReviewerCount());
        assertNull(envs.get("staging").requiredReviewerCount());
        assertNull(envs.get("staging").requiredReviewers());
    }

    @Test
    void problemUnderADottedBranchNameIsLocatedAtItsValue() {
        List<Problem> problems = new ArrayList<>();
        SettingsLoader.parse("s.yml", "branches:\n  main: {}\n  v1.2:\n    protected: 1\n", problems);
        assertEquals("[s.yml:4:16: integer found, [boolean, null] expected (at /branches/v1.2/protected)]",
                problems.toString());
    }

    /** "Each property with a description": the schema is the reference for the file's shape. */
    @Test
    void everySchemaPropertyIsDescribed() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("schemas/repository-settings.schema.json").toFile());
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(schema, "", undescribed);
        assertEquals(List.of(), undescribed);
    }

    private static void collectUndescribed(JsonNode node, String at, List<String> out) {
        JsonNode properties = node.get("properties");
        if (properties != null) {
            properties.fields().forEachRemaining(e -> {
                if (!e.getValue().hasNonNull("description")) {
                    out.add(at + "/properties/" + e.getKey());
                }
            });
        }
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                collectUndescribed(e.getValue(), at + "/" + e.getKey(), out);
            }
        });
    }

    private static RepositorySettings load(Path file, String shownAs) {
        List<Problem> problems = new ArrayList<>();
        RepositorySettings s = SettingsLoader.load(file, shownAs, problems).orElse(null);
        assertEquals(List.of(), problems, file.toString());
        return s;
    }
}

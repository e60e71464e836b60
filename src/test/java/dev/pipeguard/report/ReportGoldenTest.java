package dev.pipeguard.report;

import dev.pipeguard.Goldens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.report.github.GithubReporter;
import dev.pipeguard.report.json.JsonReporter;
import dev.pipeguard.report.junit.JunitReporter;
import dev.pipeguard.report.markdown.MarkdownReporter;
import dev.pipeguard.report.sarif.SarifReporter;
import dev.pipeguard.report.text.TextReporter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every format on the bundled example and on a run of edge cases, against golden files under
 * {@code src/test/resources/report/<case>/}; the JSON is checked against {@code schemas/report.schema.json}
 * and the JUnit XML against {@code junit-10.xsd}. The tool version is written as {@code VERSION}.
 * Run with {@code -Dgolden.update=true} to rewrite the goldens, then review the diff.
 */
class ReportGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/report");
    private static final Map<String, String> ACTIONS_ENV = Map.of("GITHUB_SERVER_URL", "https://github.com",
            "GITHUB_REPOSITORY", "octo-org/reference-app", "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");

    private record Format(String file, Function<PrintStream, Reporter> reporter) {
    }

    private static List<Format> formats(String prefix) {
        SourceLinks links = SourceLinks.of(ACTIONS_ENV, prefix, Set.of("snapshots/settings.yml"));
        return List.of(
                new Format("text.txt", out -> new TextReporter(out, false)),
                new Format("github.txt", out -> new GithubReporter(out, links)),
                new Format("json.json", JsonReporter::new),
                new Format("junit.xml", JunitReporter::new),
                new Format("markdown.md", out -> new MarkdownReporter(out, links, Integer.MAX_VALUE)),
                new Format("summary-capped.md", out -> new MarkdownReporter(out, SourceLinks.NONE, 3)),
                new Format("sarif.json", out -> result -> SarifReporter.write(result, "pipeguard", out)));
    }

    @TestFactory
    Stream<DynamicTest> exampleMatchesGoldens() {
        return goldens("reference-app", ReportFixtures.example(), "examples/reference-app/");
    }

    @TestFactory
    Stream<DynamicTest> edgeCasesMatchGoldens() {
        return goldens("edge-cases", ReportFixtures.edgeCases(), "sub/dir/");
    }

    private Stream<DynamicTest> goldens(String name, RunResult result, String prefix) {
        return formats(prefix).stream().map(f -> DynamicTest.dynamicTest(name + "/" + f.file(), () -> {
            String actual = render(f.reporter(), result);
            Path golden = GOLDEN.resolve(name).resolve(f.file());
            Goldens.assertMatches(golden, actual);
            if (f.file().equals("json.json")) {
                assertEquals(List.of(), jsonSchemaErrors(actual));
            }
            if (f.file().equals("junit.xml")) {
                assertEquals(List.of(), junitSchemaErrors(actual));
            }
        }));
    }

    @Test
    void everyRuleOnTheExampleGivesValidJsonAndJunit() throws IOException {
        RunResult result = ReportFixtures.exampleWithEveryRule();
        assertEquals(List.of(), jsonSchemaErrors(render(JsonReporter::new, result)));
        assertEquals(List.of(), junitSchemaErrors(render(JunitReporter::new, result)));
    }

    @Test
    void theJunitSchemaRejectsASuiteWithoutCounts() {
        String bad = "<testsuite name=\"x\"><testcase name=\"a\"/></testsuite>";
        assertEquals(3, junitSchemaErrors(bad).size(), "the XSD must be strict enough to catch missing attributes");
    }

    @Test
    void theJsonSchemaRejectsAnUndeclaredField() throws IOException {
        ObjectMapper json = new ObjectMapper();
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(render(JsonReporter::new, ReportFixtures.edgeCases()));
        doc.put("surprise", true);
        assertTrue(!schema().validate(doc).isEmpty(), "the schema must close every object so fields cannot drift");
    }

    static String render(Function<PrintStream, Reporter> reporter, RunResult result) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            reporter.apply(out).write(result);
        }
        String semver = ToolVersion.get().replace("-SNAPSHOT", "-snapshot");
        return bytes.toString(StandardCharsets.UTF_8).replace(ToolVersion.get(), "VERSION").replace(semver, "VERSION");
    }

    static List<String> jsonSchemaErrors(String json) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(json);
        return schema().validate(doc).stream().map(Object::toString).sorted().toList();
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("schemas/report.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static List<String> junitSchemaErrors(String xml) {
        List<String> errors = new ArrayList<>();
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Validator v = factory.newSchema(GOLDEN.resolve("junit-10.xsd").toFile()).newValidator();
            v.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) {
                    errors.add(e.getLineNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) {
                    errors.add(e.getLineNumber() + ": " + e.getMessage());
                }
            });
            v.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            if (errors.isEmpty()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }
}

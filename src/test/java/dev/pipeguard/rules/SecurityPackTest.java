package dev.pipeguard.rules;

import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.PolicyFixtures;
import dev.pipeguard.model.Expressions;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of the security pack has its facts and both kinds of fixtures, and its fixtures pass. */
class SecurityPackTest {

    @TestFactory
    List<DynamicTest> fixturesOfEverySecurityRule() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : Catalogue.load(List.of()).rules()) {
            RuleInfo info = rule.info();
            if (!"security".equals(info.pack())) {
                continue;
            }
            Path dir = Path.of(info.source()).getParent();
            tests.add(DynamicTest.dynamicTest(info.id(), () -> {
                assertNotNull(info.securitySeverity(), "security-severity");
                assertFalse(info.help().isBlank(), "help");
                List<PolicyFixtures.CaseResult> cases = PolicyFixtures.run(rule, dir);
                assertTrue(cases.stream().anyMatch(c -> c.dir().getParent().endsWith("pass")), "a pass/ fixture");
                assertTrue(cases.stream().anyMatch(c -> c.dir().getParent().endsWith("fail")), "a fail/ fixture");
                for (PolicyFixtures.CaseResult c : cases) {
                    assertEquals(String.join("\n", c.expected()), String.join("\n", c.actual()),
                            info.id() + " " + dir.relativize(c.dir()));
                    assertTrue(c.passed(), info.id() + " " + dir.relativize(c.dir()));
                }
            }));
        }
        assertTrue(tests.size() >= 13, "security rules found: " + tests.size());
        return tests;
    }

    @Test
    void expressionsAreLocatedInRawTextOfEntries() {
        String text = "with:\n  script: |\n    a ${{ github.head_ref }}\n      b ${{x}}\n";
        SourceFile file = SourceFile.of("w.yml", text);
        Scalar script = new Scalar("a ${{ github.head_ref }}\n  b ${{x}}\n", "|\n    a ${{ github.head_ref }}\n      b ${{x}}",
                "str", "literal", Span.of("w.yml", 2, 3, 4, 15));
        List<Expressions.Expression> found = Expressions.in(script, file);
        assertEquals(2, found.size());
        assertEquals("w.yml:3:7-3:29", found.get(0).span().toString());
        assertEquals("github.head_ref", found.get(0).body());
        assertEquals("w.yml:4:9-4:15", found.get(1).span().toString());
    }

    @Test
    void contextPathsNormaliseIndexesAndSkipFunctionsAndStrings() {
        assertEquals(List.of("github.event.pull_request.title", "github.event.commits.*.message"),
                Expressions.contextPaths("format('{0} x.y', github.event['pull_request'].title) || github.event.commits[0].message"));
        assertEquals(List.of("github.event"), Expressions.contextPaths("toJSON(github.event)"));
    }
}

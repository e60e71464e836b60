package dev.pipeguard.engine;

import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;
import dev.pipeguard.rules.Rule;
import dev.pipeguard.rules.RuleContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule that throws is contained: the run goes on, and its notice marks an internal error (exit code 3). */
class EngineInternalErrorTest {

    @Test
    void aThrowingRuleBecomesAnInternalErrorNoticeAndTheOthersStillRun() {
        Rule broken = rule("broken", c -> {
            throw new IllegalStateException("boom");
        });
        int[] ran = {0};
        Rule fine = rule("fine", c -> ran[0]++);
        Repository empty = new Repository("r", List.of(), List.of(), null, Map.of(), List.of());
        RunResult result = new Engine(List.of(broken, fine), Config.defaults()).run(empty);
        assertEquals(1, ran[0], "the other rule still runs");
        Notice n = result.notices().get(0);
        assertEquals(Notice.Kind.RULE_ERROR, n.kind());
        assertEquals("broken", n.ruleId());
        assertTrue(n.message().startsWith(Engine.INTERNAL_ERROR), n.message());
    }

    private static Rule rule(String id, java.util.function.Consumer<RuleContext> body) {
        RuleInfo info = new RuleInfo(id, "t", Severity.ERROR, "d", "h", List.of(), "high", null, false,
                "custom", "repository", null, Map.of(), "test");
        return new Rule() {
            @Override
            public RuleInfo info() {
                return info;
            }

            @Override
            public void check(RuleContext context) {
                body.accept(context);
            }
        };
    }
}

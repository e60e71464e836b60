package dev.pipeguard.engine;

import dev.pipeguard.model.Problem;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Span;
import dev.pipeguard.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the parameters a config sets against what each policy declares: an unknown name or a
 * value of another kind than the default (list, text, number, true/false, mapping) is a
 * configuration error at the config's own line, not a failure deep inside the policy later.
 */
public final class ParameterCheck {

    private ParameterCheck() {
    }

    public static List<Problem> problems(Config config, Catalogue catalogue) {
        List<Problem> out = new ArrayList<>();
        config.policies().forEach((id, settings) -> {
            Optional<Rule> rule = catalogue.find(id);
            if (rule.isEmpty() || settings.parameters() == null) {
                return;
            }
            Span at = config.policySpans().get(id);
            Map<String, RuleInfo.Parameter> declared = rule.get().info().parameters();
            settings.parameters().forEach((name, value) -> {
                RuleInfo.Parameter p = declared.get(name);
                if (p == null) {
                    out.add(new Problem(at, "policy '" + id + "' has no parameter '" + name + "'"
                            + (declared.isEmpty() ? "; it takes none" : "; its parameters are " + String.join(", ", declared.keySet()))));
                } else if (p.defaultValue() != null && value != null && !kind(p.defaultValue()).equals(kind(value))) {
                    out.add(new Problem(at, "parameter '" + name + "' of policy '" + id + "' must be " + kind(p.defaultValue())
                            + " (like its default " + p.defaultValue() + "), not " + kind(value)));
                }
            });
        });
        return out;
    }

    private static String kind(Object value) {
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof Boolean) {
            return "true or false";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "text";
    }
}

package dev.pipeguard.model;

import java.util.List;
import java.util.Map;

/**
 * A rule's facts, written once (a policy file's header or a Java rule's annotation) and read by
 * the engine, the docs, {@code policies explain} and SARIF's {@code tool.driver.rules}.
 * {@code securitySeverity} is null unless the rule is about security; {@code role} explains how
 * the rule finds its targets when that is not obvious.
 */
public record RuleInfo(String id, String title, Severity severity, String description, String help,
                       List<String> tags, String precision, Double securitySeverity, boolean requiresSettings,
                       String pack, String scope, String role, Map<String, Parameter> parameters, String source) {

    /** A tunable value of a rule, with its default (JSON-like: string, number, boolean, list, map). */
    public record Parameter(String name, String description, Object defaultValue) {
    }
}

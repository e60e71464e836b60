package dev.pipeguard.rules;

import java.util.List;

/**
 * The explicit, sorted list of rules written in Java. Declarative policies are loaded from
 * {@code policies/} instead; both meet in the engine's catalogue. No classpath scanning: a rule
 * exists when it is listed here.
 */
public final class RuleRegistry {

    private RuleRegistry() {
    }

    public static List<Rule> builtIn() {
        return List.of(
                new CurlPipeShellRule(),
                new HardcodedCredentialRule(),
                new RetiredActionVersionRule(),
                new SecretEchoedRule(),
                new SuppressionMalformedRule(),
                new SuppressionUnusedRule(),
                new SuppressionWithoutReasonRule(),
                new TemplateInjectionRule(),
                new UnpinnedUsesRule(),
                new UntrustedCheckoutRule());
    }
}

package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What one GraphQL read of a repository returned: its workflow and action files by path, and the
 * raw branch protection sources. {@code classic} or {@code rulesets} null means the token could
 * not see them (unknown), never "none"; {@code notes} say why, for the user.
 */
record RemoteRepository(String fullName, boolean archived, boolean fork, String defaultBranch, String headOid,
                        Map<String, String> files, List<JsonNode> classic, List<Ruleset> rulesets, List<String> notes) {

    /** One ruleset that targets branches: enforcement ACTIVE, EVALUATE or DISABLED; source Repository or Organization. */
    record Ruleset(String name, String enforcement, String source, List<String> include, List<String> exclude,
                   List<JsonNode> rules) {
    }
}

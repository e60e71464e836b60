package dev.pipeguard.model;

import java.util.List;
import java.util.Map;

/** Secret names visible to the repository's workflows, by scope; a null list is unknown. */
public record Secrets(List<String> repository, List<String> organization, Map<String, List<String>> environments) {
}

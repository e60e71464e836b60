package dev.pipeguard.report.sarif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** The subset of SARIF 2.1.0 that pipeguard writes, as records Jackson serialises; nulls are omitted. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
final class Sarif {

    private Sarif() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {
    }

    /** NOTE: {@code results} is written even when empty: code scanning requires it, and an empty run closes fixed alerts. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Run(Tool tool, AutomationDetails automationDetails, Map<String, ArtifactLocation> originalUriBaseIds,
               List<Invocation> invocations, @JsonInclude(JsonInclude.Include.ALWAYS) List<Result> results, String columnKind) {
    }

    record AutomationDetails(String id) {
    }

    record Tool(Driver driver) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Driver(String name, String version, String semanticVersion, String informationUri, List<Rule> rules) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Rule(String id, String name, Message shortDescription, Message fullDescription, Message help,
                String helpUri, Configuration defaultConfiguration, Map<String, Object> properties) {
    }

    record Configuration(String level) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Message(String text, String markdown) {
        static Message of(String text) {
            return new Message(text, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Notification(String level, Message message, List<Location> locations, ReportingDescriptorReference descriptor,
                        ReportingDescriptorReference associatedRule) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReportingDescriptorReference(String id, Integer index) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Result(String ruleId, int ruleIndex, String level, Message message, List<Location> locations,
                  List<Location> relatedLocations, Map<String, String> partialFingerprints, List<Suppression> suppressions) {
    }

    /** Why a result is not an open alert: {@code inSource} (a comment beside it) or {@code external} (the config file). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Suppression(String kind, String justification, Location location) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Location(Integer id, PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations, Message message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PhysicalLocation(ArtifactLocation artifactLocation, Region region, Region contextRegion) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ArtifactLocation(String uri, String uriBaseId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Region(int startLine, int startColumn, int endLine, int endColumn, Message snippet) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LogicalLocation(String name, String fullyQualifiedName, String kind) {
    }
}

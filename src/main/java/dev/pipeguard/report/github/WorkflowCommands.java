package dev.pipeguard.report.github;

/**
 * Escaping for GitHub Actions workflow commands, as the runner unescapes them: in the message
 * ({@code ::cmd ...::DATA}) {@code %}, CR and LF; in a property value also {@code :} and {@code ,}.
 */
final class WorkflowCommands {

    private WorkflowCommands() {
    }

    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}

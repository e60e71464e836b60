package dev.pipeguard.rules;

import dev.pipeguard.model.Expressions;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Scalar;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code run:} script that executes a script straight from the network: {@code curl ... | sh},
 * {@code bash <(curl ...)}, {@code sh -c "$(wget -O- ...)"}, PowerShell's {@code iwr ... | iex}.
 */
public final class CurlPipeShellRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("security", "curl-pipe-shell");

    private static final String FETCH = "(curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)";
    private static final String SHELL = "(sudo(\\s+-\\S+)*\\s+)?(env\\s+(\\S+=\\S*\\s+)*)?(ba|z|da|k|fi)?sh|python[0-9.]*|perl|ruby|node|iex|Invoke-Expression|pwsh|powershell";
    private static final Pattern PIPED = Pattern.compile(
            "(?i)(^|[\\s;&|(`$])" + FETCH + "(\\s|\\.exe)[^|\\n;]*\\|\\s*(" + SHELL + ")(\\s|$|;|\\))");
    private static final Pattern SUBSTITUTED = Pattern.compile(
            "(?i)(^|[\\s;&|(])(" + SHELL + ")\\s+(-\\S+\\s+)*(<\\(\\s*|[\"']?\\$\\(\\s*)" + FETCH + "\\s");
    private static final Pattern IEX = Pattern.compile("(?i)\\b(iex|Invoke-Expression)\\s*\\(+\\s*(New-Object\\s+\\S*WebClient\\)?\\.DownloadString|" + FETCH + ")");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        Steps.forEach(context.repository(), site -> {
            Scalar run = site.step().run();
            if (run == null) {
                return;
            }
            for (String line : run.value().split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#")) {
                    continue;
                }
                Matcher m = PIPED.matcher(line);
                Matcher s = SUBSTITUTED.matcher(line);
                Matcher x = IEX.matcher(line);
                if (m.find() || s.find() || x.find()) {
                    context.report(new Finding(INFO.id(), INFO.severity(),
                            "runs a script downloaded at run time without checking it; whoever controls that URL (or its "
                                    + "CDN, or a tampered release) runs code in this job; download it, verify a pinned checksum, then run it",
                            Expressions.locate(run, context.repository().sources().get(site.file()), trimmed), null, List.of()));
                }
            }
        });
    }
}

package dev.pipeguard.report;

import dev.pipeguard.engine.RunResult;

import java.io.IOException;

/** Where findings go: one implementation a format (SARIF, text ...), all fed the same run result. */
public interface Reporter {

    void write(RunResult result) throws IOException;
}

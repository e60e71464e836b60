package dev.pipeguard.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** pipeguard's own version, as the build stamped it into {@code pipeguard.properties}. */
public final class ToolVersion {

    private static final String VERSION = read();

    private ToolVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/pipeguard.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "0.0.0");
            return v.startsWith("${") ? "0.0.0" : v;
        } catch (IOException e) {
            return "0.0.0";
        }
    }
}

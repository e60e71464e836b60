package dev.pipeguard.github;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The audit's HTML page in a real browser: headless Chromium parses it into the whole table and
 * paints pass and fail cells in their colours. Skipped where Chromium is not installed (as in
 * .ci/run); {@code apt-get install chromium} runs it.
 */
class AuditHtmlBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void chromiumRendersTheTable() throws Exception {
        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        assumeTrue(chromium != null, "Chromium is not installed");
        AuditHtmlTest.auditAcme(tmp.resolve("reports"));
        Path html = tmp.resolve("reports").resolve("audit.html");

        String dom = run(chromium, tmp, "--dump-dom", html.toUri().toString());
        Matcher rows = Pattern.compile("<tr>").matcher(dom.substring(dom.indexOf("<tbody>")));
        int count = 0;
        while (rows.find()) {
            count++;
        }
        assertEquals(5, count, "the browser sees every repository's row");

        Path png = tmp.resolve("audit.png");
        run(chromium, tmp, "--screenshot=" + png, "--window-size=1400,1000", html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(contains(image, 0xffd7d5), "a failing cell is painted");
        assertTrue(contains(image, 0xdafbe1), "a passing cell is painted");
    }

    private static String run(String chromium, Path tmp, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--disable-background-networking", "--user-data-dir=" + tmp.resolve("profile")));
        command.addAll(List.of(args));
        Path out = tmp.resolve("chromium.out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(new File("/dev/null")).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static boolean contains(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}

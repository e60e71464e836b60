package dev.pipeguard.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit's HTML page: well-formed (it is written as polyglot HTML, so an XML parser reads it),
 * self-contained (no script, style sheet, image or font from anywhere else), and a complete table:
 * one column a policy, one row a repository, worst first, each cell linking to a SARIF file that exists.
 */
class AuditHtmlTest {

    @TempDir
    static Path tmp;

    static Path reports;
    static ObjectNode summary;

    @BeforeAll
    static void audit() throws IOException {
        reports = tmp.resolve("reports");
        summary = auditAcme(reports);
    }

    /** Audits the fake acme organisation into {@code reports}, writing every report; returns the summary. */
    static ObjectNode auditAcme(Path reports) throws IOException {
        try (FakeGitHub fake = FakeWorlds.acme()) {
            GitHubApi api = GitHubApi.connect(fake.url(), FakeWorlds.TOKEN, null, 4, m -> { }, 10, 5_000);
            ObjectNode summary = new OrgAudit(api, new OrgAudit.Options("acme", null, null, false, false, 1, 1, false, reports, 4,
                    List.of()), m -> { }).run();
            AuditReports.writeAll(summary, reports);
            return summary;
        }
    }

    @Test
    void isSelfContained() throws IOException {
        String html = Files.readString(reports.resolve("audit.html"));
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("<img") || html.contains("<iframe"), html);
        assertFalse(html.contains("@import") || html.contains("url("), "no style loaded from elsewhere");
        Matcher attribute = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (attribute.find()) {
            String target = attribute.group(1);
            assertFalse(target.matches("(?i)^([a-z]+:|//).*"), "link leaves the page's folder: " + target);
        }
    }

    @Test
    void isWellFormedAndHoldsTheWholeTableWorstFirst() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(reports.resolve("audit.html").toFile());
        assertEquals("html", doc.getDocumentElement().getTagName());
        Element table = (Element) doc.getElementsByTagName("table").item(0);
        assertEquals("audit", table.getAttribute("id"));
        int policies = summary.path("policies").size();
        assertTrue(policies > 10, "every policy is a column");
        assertEquals(policies + 1, ((Element) table.getElementsByTagName("thead").item(0)).getElementsByTagName("th").getLength());
        NodeList rows = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        assertEquals(5, rows.getLength());
        List<Integer> failing = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            NodeList cells = ((Element) rows.item(i)).getElementsByTagName("td");
            assertEquals(policies + 1, cells.getLength(), "row " + i);
            int fails = 0;
            for (int c = 1; c < cells.getLength(); c++) {
                Element cell = (Element) cells.item(c);
                assertTrue(List.of("pass", "fail", "not-evaluated").contains(cell.getAttribute("class")), cell.getAttribute("class"));
                fails += cell.getAttribute("class").equals("fail") ? 1 : 0;
                Element link = (Element) cell.getElementsByTagName("a").item(0);
                assertTrue(Files.isRegularFile(reports.resolve(link.getAttribute("href"))), link.getAttribute("href"));
            }
            failing.add(fails);
        }
        List<Integer> sorted = new ArrayList<>(failing);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, failing, "worst first");
    }
}

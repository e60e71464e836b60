package dev.pipeguard.github;

import org.kohsuke.github.connector.GitHubConnectorRequest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP request handed to the kohsuke connector: method, URL, headers (case-insensitive) and a buffered body. */
record ApiRequest(String method, URL url, Map<String, List<String>> allHeaders, byte[] bytes) implements GitHubConnectorRequest {

    ApiRequest {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(allHeaders);
        allHeaders = h;
    }

    /** A copy of {@code request} with one header set, its body read once into memory. */
    static ApiRequest copyWith(GitHubConnectorRequest request, String name, String value) throws java.io.IOException {
        byte[] body = null;
        if (request.hasBody()) {
            try (InputStream in = request.body()) {
                body = in.readAllBytes();
            }
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.allHeaders());
        if (name != null) {
            headers.put(name, List.of(value));
        }
        return new ApiRequest(request.method(), request.url(), headers, body);
    }

    @Override
    public String header(String name) {
        List<String> values = allHeaders.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String contentType() {
        return header("Content-Type");
    }

    @Override
    public InputStream body() {
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean hasBody() {
        return bytes != null;
    }
}

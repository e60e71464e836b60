package dev.pipeguard.github;

import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one way pipeguard reaches GitHub: a kohsuke {@link GitHubConnector} that decorates another
 * and adds what an audit needs. Never more than {@code concurrency} requests in flight; GETs are
 * conditional on the persistent {@link EtagCache} (a 304 is replayed as the cached 200, and costs
 * no rate limit); each exchange is bounded by a timeout; 5xx answers, timeouts and I/O failures
 * are retried with jittered backoff; secondary rate
 * limits wait for Retry-After; a primary limit that runs low waits for its reset. Messages it logs
 * never contain request headers, so never the token.
 */
final class Transport implements GitHubConnector {

    static final int ATTEMPTS = 5;

    private final GitHubConnector delegate;
    private final EtagCache cache;
    private final Semaphore inFlight;
    private final Consumer<String> log;
    private final long baseBackoffMillis;
    private final long maxWaitMillis;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger cacheHits = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicLong coreRemaining = new AtomicLong(-1);
    final AtomicLong graphqlRemaining = new AtomicLong(-1);
    private final AtomicLong resetEpoch = new AtomicLong();
    private volatile long lowWater = 50;
    private final Duration timeout;
    private final ExecutorService exchanges = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pipeguard-http");
        t.setDaemon(true);
        return t;
    });

    Transport(GitHubConnector delegate, EtagCache cache, int concurrency, Consumer<String> log,
              long baseBackoffMillis, long maxWaitMillis, Duration timeout) {
        this.timeout = timeout;
        this.delegate = delegate;
        this.cache = cache;
        this.inFlight = new Semaphore(Math.max(1, concurrency), true);
        this.log = log;
        this.baseBackoffMillis = baseBackoffMillis;
        this.maxWaitMillis = maxWaitMillis;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        try {
            return sendWithRetries(request);
        } finally {
            inFlight.release();
        }
    }

    private GitHubConnectorResponse sendWithRetries(GitHubConnectorRequest request) throws IOException {
        String url = request.url().toString();
        boolean cacheable = request.method().equals("GET");
        EtagCache.Entry cached = cacheable ? cache.get(url) : null;
        ApiRequest actual = ApiRequest.copyWith(request, cached == null ? null : "If-None-Match", cached == null ? null : cached.etag());
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            waitIfPrimaryLimitLow(url);
            GitHubConnectorResponse response;
            try {
                requests.incrementAndGet();
                response = exchange(actual);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                lastFailure = e;
                retry(attempt, url, e instanceof HttpTimeoutException ? "timed out after " + timeout(actual).toSeconds() + "s"
                        : e.getClass().getSimpleName(), backoff(attempt));
                continue;
            }
            track(response);
            int status = response.statusCode();
            if (status == 304 && cached != null) {
                response.close();
                cacheHits.incrementAndGet();
                return buffered(request, 200, cached.headers(), cached.body().getBytes(StandardCharsets.UTF_8));
            }
            if (status >= 500 && attempt < ATTEMPTS) {
                response.close();
                retry(attempt, url, "HTTP " + status, backoff(attempt));
                continue;
            }
            if (status == 403 || status == 429) {
                byte[] body = read(response);
                String text = new String(body, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
                String retryAfter = response.header("Retry-After");
                boolean secondary = retryAfter != null || text.contains("secondary rate limit") || text.contains("abuse");
                boolean primary = "0".equals(response.header("X-RateLimit-Remaining"));
                if ((secondary || primary) && attempt < ATTEMPTS) {
                    long wait = retryAfter != null ? seconds(retryAfter) * 1000 : secondary ? Math.max(60_000, backoff(attempt))
                            : untilReset(response);
                    retry(attempt, url, secondary ? "secondary rate limit" : "rate limit exhausted", wait);
                    continue;
                }
                return buffered(request, status, response.allHeaders(), body);
            }
            if (status == 200 && cacheable && response.header("ETag") != null) {
                byte[] body = read(response);
                Map<String, String> keep = new LinkedHashMap<>();
                for (String h : List.of("Link", "Content-Type")) {
                    if (response.header(h) != null) {
                        keep.put(h, response.header(h));
                    }
                }
                cache.put(url, new EtagCache.Entry(response.header("ETag"), keep, new String(body, StandardCharsets.UTF_8)));
                return buffered(request, 200, response.allHeaders(), body);
            }
            return response;
        }
        throw lastFailure != null ? lastFailure : new IOException("GitHub kept failing: " + url);
    }

    /**
     * One exchange, headers and body, within the request timeout; a timed-out one is cancelled (the
     * JDK's HttpClient aborts a send whose thread is interrupted) and fails as an I/O error, so it is retried.
     */
    private GitHubConnectorResponse exchange(ApiRequest request) throws IOException {
        Future<GitHubConnectorResponse> future = exchanges.submit(() -> {
            GitHubConnectorResponse response = delegate.send(request);
            return buffered(request, response.statusCode(), response.allHeaders(), read(response));
        });
        try {
            return future.get(timeout(request).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no answer within " + timeout(request).toSeconds() + "s");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** The request timeout, plus 10 s a megabyte of body, so a large SARIF upload on a slow link is not cut off. */
    private Duration timeout(ApiRequest request) {
        return timeout.plusSeconds(10L * (request.bytes() == null ? 0 : request.bytes().length / (1024 * 1024)));
    }

    private void retry(int attempt, String url, String why, long waitMillis) throws IOException {
        if (attempt >= ATTEMPTS) {
            return;
        }
        retries.incrementAndGet();
        long wait = Math.min(waitMillis, maxWaitMillis);
        log.accept("retrying " + strip(url) + " in " + (wait + 999) / 1000 + "s (" + why + ", attempt " + (attempt + 1) + " of " + ATTEMPTS + ")");
        sleep(wait);
    }

    /** Waits for the reset when the last-seen core limit is nearly spent, so the audit never runs into a 403. */
    private void waitIfPrimaryLimitLow(String url) throws IOException {
        long remaining = url.endsWith("/graphql") ? graphqlRemaining.get() : coreRemaining.get();
        if (remaining >= 0 && remaining < lowWater) {
            long wait = resetEpoch.get() * 1000 - System.currentTimeMillis();
            if (wait > 0) {
                log.accept("rate limit nearly spent (" + remaining + " left); waiting " + (wait + 999) / 1000 + "s for its reset");
                sleep(Math.min(wait, maxWaitMillis));
                coreRemaining.set(-1);
                graphqlRemaining.set(-1);
            }
        }
    }

    void lowWater(long points) {
        this.lowWater = points;
    }

    private void track(GitHubConnectorResponse response) {
        String remaining = response.header("X-RateLimit-Remaining");
        String reset = response.header("X-RateLimit-Reset");
        if (remaining != null) {
            try {
                long r = Long.parseLong(remaining);
                ("graphql".equals(response.header("X-RateLimit-Resource")) ? graphqlRemaining : coreRemaining).set(r);
                if (reset != null) {
                    resetEpoch.set(Long.parseLong(reset));
                }
            } catch (NumberFormatException e) {
                // NOTE: a proxy may mangle the headers; then the limit is simply not tracked.
            }
        }
    }

    private long untilReset(GitHubConnectorResponse response) {
        try {
            return Math.max(1000, Long.parseLong(response.header("X-RateLimit-Reset")) * 1000 - System.currentTimeMillis());
        } catch (RuntimeException e) {
            return 60_000;
        }
    }

    private long backoff(int attempt) {
        long cap = baseBackoffMillis * (1L << Math.min(attempt, 10));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 60;
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private static byte[] read(GitHubConnectorResponse response) throws IOException {
        try (response; InputStream in = response.bodyStream()) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }

    private static String strip(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    static GitHubConnectorResponse buffered(GitHubConnectorRequest request, int status, Map<String, ?> headers, byte[] body) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null && !k.equalsIgnoreCase("Content-Encoding") && !k.equalsIgnoreCase("Content-Length")) {
                h.put(k, v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v)));
            }
        });
        return new GitHubConnectorResponse.ByteArrayResponse(request, status, h) {
            @Override
            protected InputStream rawBodyStream() {
                return new ByteArrayInputStream(body);
            }
        };
    }
}

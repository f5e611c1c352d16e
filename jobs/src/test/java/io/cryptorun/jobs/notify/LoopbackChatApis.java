package io.cryptorun.jobs.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Slack incoming webhooks and the Telegram Bot API's {@code sendMessage} on 127.0.0.1 (ephemeral
 * port), answering as the real APIs do — Slack: 200 {@code ok}, 429 with {@code Retry-After},
 * 4xx/5xx with a short text; Telegram: {@code {"ok":true,"result":{…}}}, or
 * {@code {"ok":false,"error_code":…,"description":…,"parameters":{"retry_after":s}}} — and
 * recording every request (path, body, arrival time). Scripted per path: the next requests get
 * the queued {@link Reply}s (a status, a delay, or a connection reset), then {@link #defaultDelayMs}
 * and success.
 */
final class LoopbackChatApis implements AutoCloseable {
    /** One recorded request. {@code path} holds the webhook path or the bot token: tests compare it, nothing logs it. */
    record Request(String path, String body, long atNanos, int status) {}

    /** A scripted answer: {@code status} 0 = reset the connection without answering. */
    record Reply(int status, long delayMs, int retryAfterS, String description) {
        static Reply ok() {
            return new Reply(200, 0, 0, null);
        }

        static Reply rateLimited(int retryAfterS) {
            return new Reply(429, 0, retryAfterS, "Too Many Requests: retry after " + retryAfterS);
        }

        static Reply status(int status, String description) {
            return new Reply(status, 0, 0, description);
        }

        static Reply reset() {
            return new Reply(0, 0, 0, null);
        }

        static Reply slow(long ms) {
            return new Reply(200, ms, 0, null);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Long> defaultDelayMs = new ConcurrentHashMap<>();
    private final Map<String, Integer> permanent = new ConcurrentHashMap<>();
    private volatile int messageId = 0;

    LoopbackChatApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A webhook URL on this server (the path plays the secret part of a real one). */
    String slackWebhook(String secretPath) {
        return base() + "/services/" + secretPath;
    }

    String slackPath(String secretPath) {
        return "/services/" + secretPath;
    }

    static String telegramPath(String token) {
        return "/bot" + token + "/sendMessage";
    }

    /** The next requests to {@code path} get these answers, in order. */
    void script(String path, Reply... replies) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(replies));
    }

    /** Every (unscripted) request to {@code path} takes this long to answer. */
    void slow(String path, long ms) {
        defaultDelayMs.put(path, ms);
    }

    /** Every request to {@code path} is refused with this status (e.g. Telegram's 400 "chat not found"). */
    void refuse(String path, int status) {
        permanent.put(path, status);
    }

    List<Request> received(String path) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) if (r.path().equals(path)) out.add(r);
        return out;
    }

    List<Request> all() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        long at = System.nanoTime();
        Deque<Reply> q = scripts.get(path);
        Reply r = q == null ? null : q.poll();
        if (r == null) {
            Integer refused = permanent.get(path);
            r = refused != null ? Reply.status(refused, refused == 400 ? "Bad Request: chat not found" : "Forbidden")
                    : new Reply(200, defaultDelayMs.getOrDefault(path, 0L), 0, null);
        }
        requests.add(new Request(path, body, at, r.status()));
        try {
            if (r.delayMs() > 0) Thread.sleep(r.delayMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (r.status() == 0) { // connection reset: close the socket without an answer
            ex.close();
            return;
        }
        boolean telegram = path.startsWith("/bot");
        String answer;
        if (telegram) {
            answer = r.status() == 200
                    ? "{\"ok\":true,\"result\":{\"message_id\":" + (++messageId) + ",\"chat\":{\"id\":-100},\"date\":0}}"
                    : "{\"ok\":false,\"error_code\":" + r.status() + ",\"description\":\"" + r.description() + "\""
                            + (r.retryAfterS() > 0 ? ",\"parameters\":{\"retry_after\":" + r.retryAfterS() + "}" : "") + "}";
            ex.getResponseHeaders().set("Content-Type", "application/json");
        } else {
            answer = r.status() == 200 ? "ok" : r.status() == 429 ? "rate_limited"
                    : r.description() == null ? "invalid_payload" : r.description();
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            if (r.status() == 429) ex.getResponseHeaders().set("Retry-After", Integer.toString(r.retryAfterS()));
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}

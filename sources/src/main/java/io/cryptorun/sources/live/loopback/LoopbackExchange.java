package io.cryptorun.sources.live.loopback;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small, real exchange stand-in on loopback: an RFC 6455 WebSocket server (plus plain HTTP for
 * REST snapshots) on {@code 127.0.0.1}, whose behaviour per connection is a script — send these
 * frames, wait for the subscribe, close mid-stream, go silent, send garbage. Used by the live
 * source's fault tests and, replaying recorded fixtures ({@link FixtureReplay}), by
 * {@code cryptorun ws-server} so that {@code cryptorun run --live} can run without internet.
 *
 * <p>Only what a market-data client needs: text frames (server frames unmasked, client frames
 * masked and possibly fragmented), ping → pong, close handshake. No extensions, no TLS.
 */
public final class LoopbackExchange implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** The script of one WebSocket connection. Runs on its own thread; returning leaves the connection open and quiet. */
    @FunctionalInterface
    public interface Handler {
        void run(Session session) throws Exception;
    }

    /** The reply to one HTTP request ({@code index} counts requests to that path from 0). */
    @FunctionalInterface
    public interface HttpHandler {
        HttpReply reply(int index);
    }

    public record HttpReply(int status, String body) {}

    private final ServerSocket server;
    private final Map<String, Handler> wsHandlers = new ConcurrentHashMap<>();
    private final Map<String, HttpHandler> httpHandlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    /** @param port 0 for an ephemeral port */
    public LoopbackExchange(int port) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "loopback-exchange-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code ws://127.0.0.1:<port><path>} */
    public String wsUrl(String path) {
        return "ws://127.0.0.1:" + port() + path;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String httpBase() {
        return "http://127.0.0.1:" + port();
    }

    public LoopbackExchange onWebSocket(String path, Handler h) {
        wsHandlers.put(path, h);
        return this;
    }

    public LoopbackExchange onHttp(String path, HttpHandler h) {
        httpHandlers.put(path, h);
        return this;
    }

    /** Stops serving WebSocket upgrades on {@code path} (its HTTP handler, if any, answers them). */
    public LoopbackExchange removeWebSocket(String path) {
        wsHandlers.remove(path);
        return this;
    }

    /** Requests (WebSocket upgrades or HTTP) seen on {@code path}. */
    public int requests(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    public List<Session> sessions() {
        return List.copyOf(sessions);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "loopback-exchange-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) continue;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            String requestLine = readLine(in);
            Map<String, String> headers = new HashMap<>();
            for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
                int colon = h.indexOf(':');
                if (colon > 0) headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            String[] parts = requestLine.split(" ");
            String path = parts.length > 1 ? parts[1] : "/";
            int index = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
            String key = headers.get("sec-websocket-key");
            if ("websocket".equalsIgnoreCase(headers.get("upgrade")) && key != null) {
                Handler h = wsHandlers.get(path);
                if (h == null) { // refuse the upgrade: the HTTP handler's reply (a 429 storm), else 404
                    HttpHandler refuse = httpHandlers.get(path);
                    HttpReply r = refuse == null ? new HttpReply(404, "{\"error\":\"no websocket at " + path + "\"}")
                            : refuse.reply(index);
                    httpReply(out, r.status(), r.body());
                    socket.close();
                    return;
                }
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Session session = new Session(socket, in, out, path, index);
                sessions.add(session);
                session.run(h);
            } else {
                HttpHandler h = httpHandlers.get(path);
                HttpReply r = h == null ? new HttpReply(404, "{\"error\":\"not found\"}") : h.reply(index);
                httpReply(out, r.status(), r.body());
                socket.close();
            }
        } catch (IOException e) {
            closeQuietly(socket);
        }
    }

    private static void httpReply(OutputStream out, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Error") + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new EOFException("connection closed in the HTTP header");
            if (c != '\r') b.write(c);
            if (b.size() > 8192) throw new IOException("header line too long");
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Session s : sessions) s.abort();
    }

    /** One WebSocket connection: its script's handle. Thread-safe sends. */
    public static final class Session {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String path;
        private final int index;
        private final List<String> received = new ArrayList<>(); // guarded by this
        private volatile boolean clientClosed;
        private volatile boolean closedByServer;
        private volatile Exception scriptError;

        Session(Socket socket, InputStream in, OutputStream out, String path, int index) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.path = path;
            this.index = index;
        }

        /** 0 for the first connection to this path, 1 for the next (a reconnect), ... */
        public int index() {
            return index;
        }

        public String path() {
            return path;
        }

        public synchronized List<String> received() {
            return List.copyOf(received);
        }

        public boolean clientClosed() {
            return clientClosed;
        }

        /** What ended the script early, if anything (e.g. the client closed while it was sending). */
        public Exception scriptError() {
            return scriptError;
        }

        void run(Handler h) {
            Thread reader = new Thread(this::readLoop, "loopback-exchange-read");
            reader.setDaemon(true);
            reader.start();
            try {
                h.run(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort();
            } catch (Exception e) {
                scriptError = e;
                abort(); // a script that failed (e.g. the client went away) ends its connection
            }
        }

        /** Sends a text frame. */
        public void send(String text) throws IOException {
            writeFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Sends a text frame with these bytes as they are (e.g. invalid UTF-8: a fault). */
        public void sendRawText(byte[] payload) throws IOException {
            writeFrame(0x1, payload);
        }

        /** Sends a binary frame (no venue does: a fault). */
        public void sendBinary(byte[] payload) throws IOException {
            writeFrame(0x2, payload);
        }

        /**
         * Waits for a client text frame matching {@code p} (frames already received count), at most
         * {@code timeoutMillis}; returns it.
         *
         * @throws IOException when the client closed or the time ran out
         */
        public synchronized String awaitText(Predicate<String> p, long timeoutMillis) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            int seen = 0;
            while (true) {
                for (; seen < received.size(); seen++) {
                    if (p.test(received.get(seen))) return received.get(seen);
                }
                long left = deadline - System.nanoTime();
                if (clientClosed || left <= 0) throw new IOException("no matching client frame on " + path + "#" + index);
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** Waits until {@code n} client text frames have arrived. */
        public synchronized void awaitCount(int n, long timeoutMillis) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (received.size() < n) {
                long left = deadline - System.nanoTime();
                if (clientClosed || left <= 0) throw new IOException("client sent " + received.size() + " of " + n + " frames");
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** Blocks until the client closes the connection (a stall as the client sees it), at most {@code maxMillis}. */
        public synchronized void holdUntilClientCloses(long maxMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            while (!clientClosed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** Close handshake from the server side (the venue closing mid-stream). */
        public void close(int code, String reason) throws IOException {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + r.length];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(r, 0, payload, 2, r.length);
            closedByServer = true;
            writeFrame(0x8, payload);
        }

        /** Drops the TCP connection without a close frame. */
        public void abort() {
            closedByServer = true;
            closeQuietly(socket);
        }

        private void writeFrame(int opcode, byte[] payload) throws IOException {
            synchronized (out) {
                out.write(0x80 | opcode);
                int n = payload.length;
                if (n < 126) {
                    out.write(n);
                } else if (n < 65536) {
                    out.write(126);
                    out.write(n >>> 8);
                    out.write(n);
                } else {
                    out.write(127);
                    for (int shift = 56; shift >= 0; shift -= 8) out.write((int) ((long) n >>> shift));
                }
                out.write(payload);
                out.flush();
            }
        }

        private void readLoop() {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            try {
                while (true) {
                    int b0 = in.read();
                    int b1 = in.read();
                    if (b0 < 0 || b1 < 0) break;
                    int opcode = b0 & 0x0F;
                    boolean fin = (b0 & 0x80) != 0;
                    long len = b1 & 0x7F;
                    if (len == 126) {
                        len = (readByte() << 8) | readByte();
                    } else if (len == 127) {
                        len = 0;
                        for (int i = 0; i < 8; i++) len = (len << 8) | readByte();
                    }
                    if (len > (16 << 20)) throw new IOException("client frame too large");
                    byte[] mask = new byte[4];
                    boolean masked = (b1 & 0x80) != 0;
                    if (masked) readFully(mask);
                    byte[] payload = new byte[(int) len];
                    readFully(payload);
                    if (masked) for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
                    switch (opcode) {
                        case 0x0, 0x1 -> {
                            message.write(payload);
                            if (fin) {
                                String text = message.toString(StandardCharsets.UTF_8);
                                message.reset();
                                synchronized (this) {
                                    received.add(text);
                                    notifyAll();
                                }
                            }
                        }
                        case 0x8 -> {
                            if (!closedByServer) {
                                try {
                                    writeFrame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                                } catch (IOException ignored) {
                                    // client already gone
                                }
                            }
                            return;
                        }
                        case 0x9 -> writeFrame(0xA, payload);
                        default -> { } // pong or unknown: ignore
                    }
                }
            } catch (IOException e) {
                // connection gone
            } finally {
                synchronized (this) {
                    clientClosed = true;
                    notifyAll();
                }
                closeQuietly(socket);
            }
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) throw new EOFException();
            return b;
        }

        private void readFully(byte[] b) throws IOException {
            int off = 0;
            while (off < b.length) {
                int n = in.read(b, off, b.length - off);
                if (n < 0) throw new EOFException();
                off += n;
            }
        }
    }
}

package org.scoresim.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Whom the dashboard answers. Every request must name this server in its Host header (localhost,
 * 127.0.0.1, [::1] or the {@code --host} it listens on, with its port or none): a page of another
 * site whose name was rebound to this machine's address sends its own name there, and reads
 * nothing. Every request other than GET and HEAD must come from the server's own page: its Origin
 * is {@code http://HOST:PORT} as the Host names it (browsers send Origin with every such request
 * and pages cannot forge it), or, without an Origin, it carries the token the page was given
 * ({@value #TOKEN_HEADER}). No CORS header is ever sent, so a page of another site can neither
 * read an answer nor pass a pre-flight.
 */
final class SameOrigin {
    /** The request header that carries the token, for clients that send no Origin. */
    static final String TOKEN_HEADER = "X-Scoresim-Token";

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

    /** A host and port as a Host header or an Origin's authority writes them; port -1 when left out. */
    record Authority(String host, int port) {
        /** {@code host[:port]}, IPv6 in brackets; empty when it is not that shape. */
        static Optional<Authority> parse(String text) {
            String t = text.toLowerCase(Locale.ROOT);
            int end = t.startsWith("[") ? t.indexOf(']') + 1 : 0;
            int colon = t.indexOf(':', end);
            String host = colon < 0 ? t : t.substring(0, colon);
            if (host.isEmpty() || (end == 0 && host.contains("]")) || (end > 0 && host.length() != end)) {
                return Optional.empty();
            }
            if (colon < 0) {
                return Optional.of(new Authority(host, -1));
            }
            String port = t.substring(colon + 1);
            if (!port.matches("[0-9]{1,5}")) {
                return Optional.empty();
            }
            return Optional.of(new Authority(host, Integer.parseInt(port)));
        }
    }

    private final Set<String> names = new HashSet<>();
    private final Set<InetAddress> addresses = new HashSet<>();
    private final IntSupplier port;
    private final String token;
    private final String namesInWords;

    /**
     * @param listenHost the address the server listens on ({@code --host}); when it is every
     *     interface's (0.0.0.0, ::), the addresses of this machine's interfaces name it too
     * @param port the port it listens on, known once it has started
     */
    SameOrigin(String listenHost, IntSupplier port, SecureRandom random) {
        this.port = port;
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        names.add("localhost");
        addresses.add(literal("127.0.0.1").orElseThrow());
        addresses.add(literal("[::1]").orElseThrow());
        String given = listenHost.toLowerCase(Locale.ROOT);
        if (given.contains(":") && !given.startsWith("[")) {
            given = "[" + given + "]";
        }
        Optional<InetAddress> address = literal(given);
        boolean everyInterface = address.isPresent() && address.get().isAnyLocalAddress();
        if (address.isEmpty()) {
            names.add(given);
        } else {
            addresses.add(address.get());
            if (everyInterface) {
                addresses.addAll(interfaceAddresses());
            }
        }
        this.namesInWords = Set.of("127.0.0.1", "localhost", "[::1]").contains(given)
                ? "localhost, 127.0.0.1 or [::1]"
                : "localhost, 127.0.0.1, [::1] or " + given + (everyInterface ? " (this machine's addresses)" : "");
    }

    /** The token of this server's page: made at start, sent back by its script on every change. */
    String token() {
        return token;
    }

    /** Refuses (403) a request this server does not answer; see the class comment. */
    void check(Context ctx) {
        String hostHeader = ctx.header("Host");
        Authority host = hostHeader == null ? null : Authority.parse(hostHeader).orElse(null);
        if (host == null || !namesThisServer(host)) {
            throw new HttpError(
                    403,
                    "this server answers only requests addressed to it (Host: " + namesInWords + ", with port "
                            + port.getAsInt() + " or none); got Host: " + clip(hostHeader));
        }
        String method = ctx.req().getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return;
        }
        String own = "http://" + host.host() + ":" + port.getAsInt();
        String origin = ctx.header("Origin");
        if (origin != null) {
            if (!isOwn(origin, host)) {
                throw new HttpError(
                        403,
                        "a request from another site is refused: Origin " + clip(origin) + " is not this server's ("
                                + own + ")");
            }
            return;
        }
        String sent = ctx.header(TOKEN_HEADER);
        if (sent == null
                || !MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(
                    403,
                    method + " needs the header 'Origin: " + own + "' (or " + TOKEN_HEADER
                            + " with the token of the dashboard page's scoresim-token meta tag)");
        }
    }

    boolean namesThisServer(Authority a) {
        if (a.port() != -1 && a.port() != port.getAsInt()) {
            return false;
        }
        Optional<InetAddress> address = literal(a.host());
        return address.isPresent() ? addresses.contains(address.get()) : names.contains(a.host());
    }

    /** {@code http://} and the very host the request was sent to, on this server's port. */
    private boolean isOwn(String origin, Authority host) {
        String prefix = "http://";
        if (!origin.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return false;
        }
        Optional<Authority> o = Authority.parse(origin.substring(prefix.length()));
        if (o.isEmpty() || !o.get().host().equals(host.host())) {
            return false;
        }
        int originPort = o.get().port() == -1 ? 80 : o.get().port();
        return originPort == port.getAsInt();
    }

    /** An IP address written as a literal (IPv6 in brackets); never a name, so never a DNS lookup. */
    static Optional<InetAddress> literal(String host) {
        try {
            if (IPV4.matcher(host).matches()) {
                byte[] bytes = new byte[4];
                String[] parts = host.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // in brackets, getByName takes it as an IPv6 literal or refuses it: it never looks it up
            return IPV6.matcher(host).matches() ? Optional.of(InetAddress.getByName(host)) : Optional.empty();
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> all = new HashSet<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.addAll(Collections.list(n.getInetAddresses()));
            }
        } catch (SocketException unreadable) {
            // then only the loopback names and the address given name the server
        }
        return all;
    }

    private static String clip(String header) {
        return header == null ? "(none)" : header.length() > 100 ? header.substring(0, 100) + "..." : header;
    }
}

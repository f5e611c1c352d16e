package io.cryptorun.jobs.output;

/**
 * A forward scan over the members of one JSON object held in a {@code String}, without building a
 * tree: what {@link ReplaySummary} needs to count 500 k output lines by one field (issue 16; a
 * Jackson {@code readTree} per line was 16 % of a cold replay's CPU).
 *
 * <p>Nested objects, arrays and strings (with their escapes) are skipped by structure, so a name
 * that also occurs inside a nested object or inside a string value is never mistaken for the
 * member. The first member of a name wins (the project's lines never repeat one). Input is the
 * project's own output, so malformed JSON is an {@link IllegalArgumentException}, not a verdict.
 */
final class JsonMembers {
    private JsonMembers() {}

    /** One member: its name (unescaped) and where its value is, {@code [valueStart, valueEnd)}. */
    interface Visitor {
        void member(String name, int valueStart, int valueEnd);
    }

    /**
     * The member's value as text, like Jackson's {@code path(name).asText("")}: a string unescaped,
     * {@code true}/{@code false} as written, {@code ""} for {@code null}, an object, an array or a
     * missing member. A number is its text as written (Jackson would print a fraction as a
     * {@code double}); the summary counts string members only.
     */
    static String text(String json, String name) {
        return text(json, 0, name);
    }

    /** {@link #text(String, String)} of the object starting at {@code objectStart}. */
    static String text(String json, int objectStart, String name) {
        int v = valueStart(json, objectStart, name);
        return v < 0 ? "" : valueText(json, v);
    }

    /**
     * The member's value as a boolean, like Jackson's {@code path(name).asBoolean()}: {@code true}
     * for the literal {@code true}, a string {@code "true"} (trimmed) or a non-zero integer; false
     * otherwise, and when missing.
     */
    static boolean bool(String json, int objectStart, String name) {
        int v = valueStart(json, objectStart, name);
        if (v < 0) return false;
        char c = json.charAt(v);
        if (c == 't') return json.startsWith("true", v);
        if (c == '"') return valueText(json, v).trim().equals("true");
        if (c == '-' || (c >= '0' && c <= '9')) {
            int end = skipValue(json, v);
            try {
                return Long.parseLong(json, v, end, 10) != 0;
            } catch (NumberFormatException e) {
                return false; // Jackson's asBoolean() is false for a fraction too
            }
        }
        return false;
    }

    /** Where the value of member {@code name} starts, or {@code -1} when the object has no such member. */
    static int valueStart(String json, int objectStart, String name) {
        int i = open(json, objectStart);
        if (json.charAt(i) == '}') return -1;
        while (true) {
            int nameEnd = skipString(json, expect(json, i, '"'));
            int v = skipWs(json, expect(json, skipWs(json, nameEnd), ':') + 1);
            if (nameIs(json, i, nameEnd, name)) return v;
            i = next(json, skipValue(json, v));
            if (i < 0) return -1;
        }
    }

    /** Visits every member of the object starting at {@code objectStart} in order. */
    static void forEach(String json, int objectStart, Visitor visitor) {
        int i = open(json, objectStart);
        if (json.charAt(i) == '}') return;
        while (true) {
            int nameEnd = skipString(json, expect(json, i, '"'));
            int v = skipWs(json, expect(json, skipWs(json, nameEnd), ':') + 1);
            int end = skipValue(json, v);
            visitor.member(unescape(json, i + 1, nameEnd - 1), v, end);
            i = next(json, end);
            if (i < 0) return;
        }
    }

    /** The text of the value starting at {@code v}, as {@link #text(String, String)} describes. */
    static String valueText(String json, int v) {
        char c = json.charAt(v);
        if (c == '"') return unescape(json, v + 1, skipString(json, v) - 1);
        if (c == '{' || c == '[') return "";
        int end = skipValue(json, v);
        return json.startsWith("null", v) && end == v + 4 ? "" : json.substring(v, end);
    }

    /** After {@code objectStart}'s {@code '{'} and whitespace: the first member's quote or {@code '}'}. */
    private static int open(String json, int objectStart) {
        return skipWs(json, expect(json, skipWs(json, objectStart), '{') + 1);
    }

    /** After a value: the next member's start, or {@code -1} at the object's end. */
    private static int next(String json, int afterValue) {
        int i = skipWs(json, afterValue);
        if (i < json.length() && json.charAt(i) == ',') return skipWs(json, i + 1);
        expect(json, i, '}');
        return -1;
    }

    private static boolean nameIs(String json, int quote, int nameEnd, String name) {
        int start = quote + 1;
        int len = nameEnd - 1 - start;
        for (int j = start; j < nameEnd - 1; j++) {
            if (json.charAt(j) == '\\') return unescape(json, start, nameEnd - 1).equals(name);
        }
        return len == name.length() && json.regionMatches(start, name, 0, len);
    }

    private static int expect(String json, int i, char c) {
        if (i >= json.length() || json.charAt(i) != c) {
            throw new IllegalArgumentException("not a JSON object: expected '" + c + "' at " + i + " in " + abbreviate(json));
        }
        return i;
    }

    static int skipWs(String json, int i) {
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            i++;
        }
        return i;
    }

    /** {@code quote} is a string's opening quote; returns the index after its closing quote. */
    static int skipString(String json, int quote) {
        for (int j = quote + 1; j < json.length(); j++) {
            char c = json.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("unterminated JSON string in " + abbreviate(json));
    }

    /** Returns the index after the value starting at {@code v}. */
    static int skipValue(String json, int v) {
        if (v >= json.length()) throw new IllegalArgumentException("JSON value expected at " + v + " in " + abbreviate(json));
        char c = json.charAt(v);
        if (c == '"') return skipString(json, v);
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int j = v; j < json.length(); j++) {
                char d = json.charAt(j);
                if (d == '"') {
                    j = skipString(json, j) - 1;
                } else if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0) return j + 1;
                }
            }
            throw new IllegalArgumentException("unterminated JSON object or array in " + abbreviate(json));
        }
        int j = v;
        while (j < json.length()) {
            char d = json.charAt(j);
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r') break;
            j++;
        }
        if (j == v) throw new IllegalArgumentException("JSON value expected at " + v + " in " + abbreviate(json));
        return j;
    }

    /** The characters of a string's body {@code [start, end)} with JSON escapes resolved. */
    static String unescape(String json, int start, int end) {
        int bs = start;
        while (bs < end && json.charAt(bs) != '\\') bs++;
        if (bs == end) return json.substring(start, end);
        StringBuilder sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(json, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> sb.append(e); // \" \\ \/
            }
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}

package io.cryptorun.sources.json;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.decimal.ExactMath;

/**
 * Minimal, deterministic JSON text builder: fields come out in the order written, numbers in
 * plain exact form, strings escaped per RFC 8259. Used for every file, Kafka value and manifest
 * the project writes, so that replays are byte-identical.
 */
public final class JsonWriter {
    private final StringBuilder sb;
    private boolean needComma;

    public JsonWriter() {
        this(new StringBuilder(256));
    }

    public JsonWriter(StringBuilder sb) {
        this.sb = sb;
    }

    public JsonWriter beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        comma();
        string(sb, name);
        sb.append(':');
        needComma = false;
        return this;
    }

    public JsonWriter value(String s) {
        comma();
        if (s == null) {
            sb.append("null");
        } else {
            string(sb, s);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(long v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    /** An exact decimal as a JSON number in plain notation (scale kept). */
    public JsonWriter value(Decimal d) {
        comma();
        if (d == null) {
            sb.append("null");
        } else {
            ExactMath.appendPlain(sb, d.unscaled(), d.scale());
        }
        needComma = true;
        return this;
    }

    /** An exact decimal given as {@code unscaled × 10^-scale}. */
    public JsonWriter value(long unscaled, int scale) {
        comma();
        ExactMath.appendPlain(sb, unscaled, scale);
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, Decimal v) {
        return name(name).value(v);
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}

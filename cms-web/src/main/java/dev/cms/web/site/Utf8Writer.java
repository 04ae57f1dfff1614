package dev.cms.web.site;

import java.io.Writer;
import java.util.Arrays;

/**
 * A {@link Writer} that encodes what a template writes as UTF-8 straight into a byte array, so a
 * page is encoded once, while it is rendered, and never held as a string. Encodes exactly as
 * {@code String.getBytes(UTF_8)} and {@code OutputStreamWriter} do, a lone surrogate included
 * (one {@code '?'}). Not thread-safe: one per rendering.
 */
final class Utf8Writer extends Writer {

    private byte[] bytes;
    private int length;
    /** A high surrogate written last, waiting for its low half in the next write. */
    private char pendingHigh;

    Utf8Writer(int expectedBytes) {
        this.bytes = new byte[Math.max(expectedBytes, 64)];
    }

    @Override
    public void write(int c) {
        encode((char) c);
    }

    @Override
    public void write(char[] chars, int off, int len) {
        ensure(len);
        int end = off + len;
        int i = off;
        if (pendingHigh == 0) {
            // The markup between values is mostly ASCII: copied without the branches below.
            byte[] b = bytes;
            int n = length;
            while (i < end) {
                char c = chars[i];
                if (c >= 0x80) {
                    break;
                }
                b[n++] = (byte) c;
                i++;
            }
            length = n;
        }
        for (; i < end; i++) {
            encode(chars[i]);
        }
    }

    @Override
    public void write(String text, int off, int len) {
        ensure(len);
        int end = off + len;
        int i = off;
        if (pendingHigh == 0) {
            byte[] b = bytes;
            int n = length;
            while (i < end) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                b[n++] = (byte) c;
                i++;
            }
            length = n;
        }
        for (; i < end; i++) {
            encode(text.charAt(i));
        }
    }

    @Override
    public void write(String text) {
        write(text, 0, text.length());
    }

    @Override
    public Writer append(CharSequence text) {
        String s = String.valueOf(text);
        write(s, 0, s.length());
        return this;
    }

    private void encode(char c) {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                ensure(4);
                bytes[length++] = (byte) (0xF0 | (cp >> 18));
                bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            put('?');
        }
        if (c < 0x80) {
            put(c);
        } else if (c < 0x800) {
            ensure(2);
            bytes[length++] = (byte) (0xC0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            put('?');
        } else {
            ensure(3);
            bytes[length++] = (byte) (0xE0 | (c >> 12));
            bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void put(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
    }

    /** Room for {@code chars} more characters of ASCII, or that many bytes. */
    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** The encoded text; a high surrogate left without its low half ends as {@code '?'}. */
    byte[] toByteArray() {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            put('?');
        }
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

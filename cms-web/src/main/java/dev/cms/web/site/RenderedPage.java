package dev.cms.web.site;

import io.micronaut.core.io.Writable;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A rendered page as the UTF-8 bytes it was encoded to while rendering: written to the response
 * (and copied by the page cache) as they are, with no second encoding. A writer or another charset
 * gets the text decoded again, which no public page asks for.
 */
public final class RenderedPage implements Writable {

    private final byte[] utf8;

    RenderedPage(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The page's bytes (not a copy: do not change them). */
    public byte[] utf8() {
        return utf8;
    }

    @Override
    public void writeTo(OutputStream out, Charset charset) throws IOException {
        if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
            out.write(utf8);
        } else {
            out.write(toString().getBytes(charset));
        }
    }

    @Override
    public void writeTo(Writer out) throws IOException {
        out.write(toString());
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}

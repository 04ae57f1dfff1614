package dev.cms.web.sitemap;

import dev.cms.web.feed.XmlOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An XML document as an input stream, written part by part as the server reads it: each part is
 * sent as soon as it is made, so a document of any size never sits in memory whole. Reading
 * happens on the server's blocking executor, one part (one database batch) at a time.
 */
final class PulledXmlStream extends InputStream {

    private static final Logger LOG = LoggerFactory.getLogger(PulledXmlStream.class);

    /** Writes the document part by part. */
    @FunctionalInterface
    interface Parts {
        /** Writes the next part; false once there is nothing more (the document is then closed). */
        boolean writeNext(XMLStreamWriter xml) throws XMLStreamException;
    }

    private final String name;
    private final Parts parts;
    private final Buffer buffer = new Buffer();
    private final XMLStreamWriter xml = XmlOutput.writer(buffer);
    private int position;
    private boolean finished;

    /** @param name what the document is, for the log should writing fail part way */
    PulledXmlStream(String name, Parts parts) {
        this.name = name;
        this.parts = parts;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        while (position == buffer.size()) {
            if (finished) {
                return -1;
            }
            writeNextPart();
        }
        int count = Math.min(length, buffer.size() - position);
        System.arraycopy(buffer.bytes(), position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return buffer.size() - position;
    }

    private void writeNextPart() throws IOException {
        buffer.reset();
        position = 0;
        try {
            if (!parts.writeNext(xml)) {
                finished = true;
                xml.writeEndDocument();
            }
            xml.flush();
            if (finished) {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            finished = true;
            // The status line is long sent: all that is left is to cut the response short and say why here.
            LOG.error("Writing {} failed part way; the response was cut short", name, e);
            throw new IOException("Writing " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** A byte buffer whose bytes can be read without copying them first. */
    private static final class Buffer extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }
}

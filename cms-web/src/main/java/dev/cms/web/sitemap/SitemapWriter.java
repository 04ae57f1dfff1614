package dev.cms.web.sitemap;

import dev.cms.core.sitemap.SitemapCursor;
import dev.cms.core.sitemap.SitemapEntry;
import dev.cms.web.feed.XmlOutput;
import io.micronaut.core.annotation.Nullable;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** Writes sitemaps (sitemaps.org protocol 0.9): an index in one go, URL sets streamed batch by batch. */
final class SitemapWriter {

    private static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /** One absolute URL and when it last changed (null when unknown). */
    record Url(String loc, @Nullable Instant lastModified) {
    }

    /** URLs read from a cursor, each made absolute by {@code link} from its slug. */
    record Section(SitemapCursor cursor, Function<String, String> link) {
    }

    private SitemapWriter() {
    }

    /** A sitemap index pointing at {@code pages}; small (one entry per page), so written at once. */
    static byte[] index(List<Url> pages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter xml = XmlOutput.writer(out);
        try {
            start(xml, "sitemapindex");
            for (Url page : pages) {
                entry(xml, "sitemap", page);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing the sitemap index failed", e);
        }
        return out.toByteArray();
    }

    /**
     * A URL set: {@code first} (the home page, or none), then each section's URLs in order, read and
     * sent one batch at a time.
     */
    static InputStream urlset(String name, @Nullable Url first, List<Section> sections) {
        return new PulledXmlStream(name, new UrlSet(first, sections));
    }

    /** The parts of a URL set: the opening and first URL, then one batch of a section per part. */
    private static final class UrlSet implements PulledXmlStream.Parts {

        private final Url first;
        private final Deque<Section> remaining;
        private boolean started;

        UrlSet(@Nullable Url first, List<Section> sections) {
            this.first = first;
            this.remaining = new ArrayDeque<>(sections);
        }

        @Override
        public boolean writeNext(XMLStreamWriter xml) throws XMLStreamException {
            if (!started) {
                started = true;
                start(xml, "urlset");
                if (first != null) {
                    entry(xml, "url", first);
                }
                return true;
            }
            while (!remaining.isEmpty()) {
                Section section = remaining.peek();
                List<SitemapEntry> batch = section.cursor().next();
                if (!batch.isEmpty()) {
                    for (SitemapEntry e : batch) {
                        entry(xml, "url", new Url(section.link().apply(e.slug()), e.lastModified()));
                    }
                    return true;
                }
                remaining.pop();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            return false;
        }
    }

    private static void start(XMLStreamWriter xml, String root) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.setDefaultNamespace(NAMESPACE);
        xml.writeStartElement(NAMESPACE, root);
        xml.writeDefaultNamespace(NAMESPACE);
    }

    private static void entry(XMLStreamWriter xml, String element, Url url) throws XMLStreamException {
        xml.writeCharacters("\n");
        xml.writeStartElement(element);
        XmlOutput.element(xml, "loc", url.loc());
        if (url.lastModified() != null) {
            XmlOutput.element(xml, "lastmod", XmlOutput.rfc3339(url.lastModified()));
        }
        xml.writeEndElement();
    }
}

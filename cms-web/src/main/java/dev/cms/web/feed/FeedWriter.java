package dev.cms.web.feed;

import dev.cms.core.feed.FeedEntry;
import dev.cms.web.site.AbsoluteLinks;
import dev.cms.web.site.Messages;
import jakarta.inject.Singleton;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;

/**
 * Writes a {@link Feed} as RSS 2.0 or Atom 1.0 (RFC 4287). Entries carry title, link, dates and
 * summary but not the body: feeds stay small for readers that poll them, and bring readers to the
 * article page. Ids are tag URIs (see {@link AbsoluteLinks#articleTag}).
 */
@Singleton
public class FeedWriter {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private final AbsoluteLinks links;
    private final Messages messages;
    private final Clock clock;

    public FeedWriter(AbsoluteLinks links, Messages messages, Clock clock) {
        this.links = links;
        this.messages = messages;
        this.clock = clock;
    }

    public byte[] rss(Feed feed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter xml = XmlOutput.writer(out);
        try {
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("atom", ATOM);
            xml.writeStartElement("channel");
            XmlOutput.element(xml, "title", feed.title());
            XmlOutput.element(xml, "link", feed.pageUrl());
            XmlOutput.element(xml, "description", feed.description());
            XmlOutput.element(xml, "language", messages.languageTag());
            XmlOutput.element(xml, "lastBuildDate", XmlOutput.rfc1123(updated(feed)));
            xml.writeEmptyElement("atom", "link", ATOM);
            xml.writeAttribute("href", feed.rssUrl());
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("type", "application/rss+xml");
            for (FeedEntry entry : feed.entries()) {
                xml.writeCharacters("\n");
                xml.writeStartElement("item");
                XmlOutput.element(xml, "title", entry.title());
                XmlOutput.element(xml, "link", links.article(entry.slug()));
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "false");
                xml.writeCharacters(links.articleTag(entry.id(), entry.createdAt()));
                xml.writeEndElement();
                XmlOutput.element(xml, "pubDate", XmlOutput.rfc1123(entry.publishedAt()));
                if (!entry.summary().isBlank()) {
                    XmlOutput.element(xml, "description", entry.summary());
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing the RSS feed " + feed.rssUrl() + " failed", e);
        }
        return out.toByteArray();
    }

    public byte[] atom(Feed feed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter xml = XmlOutput.writer(out);
        try {
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(ATOM);
            xml.writeStartElement(ATOM, "feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", messages.languageTag());
            XmlOutput.element(xml, "id", feed.atomUrl());
            XmlOutput.element(xml, "title", feed.title());
            if (!feed.description().equals(feed.title())) {
                XmlOutput.element(xml, "subtitle", feed.description());
            }
            XmlOutput.element(xml, "updated", XmlOutput.rfc3339(updated(feed)));
            link(xml, "self", "application/atom+xml", feed.atomUrl());
            link(xml, "alternate", "text/html", feed.pageUrl());
            // RFC 4287 requires an author for the feed when entries have none; articles carry no author yet.
            xml.writeStartElement("author");
            XmlOutput.element(xml, "name", feed.publisher());
            xml.writeEndElement();
            for (FeedEntry entry : feed.entries()) {
                xml.writeCharacters("\n");
                xml.writeStartElement("entry");
                XmlOutput.element(xml, "id", links.articleTag(entry.id(), entry.createdAt()));
                XmlOutput.element(xml, "title", entry.title());
                link(xml, "alternate", "text/html", links.article(entry.slug()));
                XmlOutput.element(xml, "published", XmlOutput.rfc3339(entry.publishedAt()));
                XmlOutput.element(xml, "updated", XmlOutput.rfc3339(entry.lastChanged()));
                if (!entry.summary().isBlank()) {
                    XmlOutput.element(xml, "summary", entry.summary());
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing the Atom feed " + feed.atomUrl() + " failed", e);
        }
        return out.toByteArray();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    /** When the feed last changed: its most recently changed entry; now for an empty feed. */
    private Instant updated(Feed feed) {
        return feed.entries().stream().map(FeedEntry::lastChanged).max(Comparator.naturalOrder())
                .orElseGet(clock::instant);
    }
}

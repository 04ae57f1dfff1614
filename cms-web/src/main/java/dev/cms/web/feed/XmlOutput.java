package dev.cms.web.feed;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** What the site's XML documents (feeds, sitemaps) share: a UTF-8 writer, clean text and date formats. */
public final class XmlOutput {

    /** Characters XML 1.0 does not allow at all, not even escaped (control characters, lone surrogates). */
    private static final Pattern NOT_XML = Pattern.compile(
            "[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private XmlOutput() {
    }

    /** A writer of UTF-8 XML onto {@code out}; the writer escapes markup, {@link #text} removes what cannot be escaped. */
    public static XMLStreamWriter writer(OutputStream out) {
        try {
            return FACTORY.createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("No XML writer available", e);
        }
    }

    /** Editor-typed text made safe for XML: characters XML cannot carry (pasted control characters) are dropped. */
    public static String text(String text) {
        return text == null ? "" : NOT_XML.matcher(text).replaceAll("");
    }

    /** Writes {@code <name>text</name>}. */
    public static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text(text));
        xml.writeEndElement();
    }

    /** RFC 3339 / W3C datetime in UTC, to the second (Atom, sitemaps): 2024-05-27T18:54:57Z. */
    public static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** RFC 1123 (RFC 822 with a four-digit year) in GMT, as RSS 2.0 dates: Mon, 27 May 2024 18:54:57 GMT. */
    public static String rfc1123(Instant instant) {
        return RFC_1123.format(instant);
    }
}

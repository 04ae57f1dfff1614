package dev.cms.web.feed;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A feed or sitemap as a reader's software sees it: parsed by a namespace-aware XML parser (which
 * fails on anything malformed), queried with XPath. Prefixes: {@code a} Atom, {@code s} sitemap,
 * {@code atom} Atom too (as RSS feeds use it).
 */
public final class ParsedXml {

    private static final Map<String, String> NAMESPACES = Map.of(
            "a", "http://www.w3.org/2005/Atom",
            "atom", "http://www.w3.org/2005/Atom",
            "s", "http://www.sitemaps.org/schemas/sitemap/0.9");

    private final Document document;
    private final XPath xpath;

    private ParsedXml(Document document) {
        this.document = document;
        this.xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return NAMESPACES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return List.<String>of().iterator();
            }
        });
    }

    public static ParsedXml parse(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new ParsedXml(factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)));
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML: " + e.getMessage() + "\n" + new String(bytes), e);
        }
    }

    /** The text of the first node the expression selects; empty when none. */
    public String text(String expression) {
        List<String> texts = texts(expression);
        return texts.isEmpty() ? "" : texts.get(0);
    }

    public List<String> texts(String expression) {
        try {
            NodeList nodes = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node node = nodes.item(i);
                texts.add(node.getTextContent());
            }
            return texts;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    public int count(String expression) {
        return texts(expression).size();
    }
}

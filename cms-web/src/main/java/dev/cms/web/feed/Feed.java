package dev.cms.web.feed;

import dev.cms.core.feed.FeedEntry;

import java.util.List;

/**
 * One feed, of the whole site or of a topic: its title and description, who publishes it, the page it follows, its own RSS and Atom
 * addresses (all absolute) and its entries, newest first.
 */
public record Feed(String title, String description, String publisher, String pageUrl, String rssUrl, String atomUrl, List<FeedEntry> entries) {
}

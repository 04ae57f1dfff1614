package dev.cms.web.feed;

import dev.cms.core.feed.FeedEntry;

import java.util.List;

/**
 * One feed, of the whole site or of a topic: its title, the page it follows, its own RSS and Atom
 * addresses (all absolute) and its entries, newest first.
 */
public record Feed(String title, String pageUrl, String rssUrl, String atomUrl, List<FeedEntry> entries) {
}

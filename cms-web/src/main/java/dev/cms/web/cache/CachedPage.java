package dev.cms.web.cache;

import java.util.List;
import java.util.Map;

/**
 * One rendered answer: its bytes, the headers it was sent with, its ETag, the content version it
 * shows, and the route template that rendered it (the {@code uri} its hits are timed under).
 */
record CachedPage(long version, byte[] body, String etag, List<Map.Entry<String, String>> headers, String route) {

    int weight() {
        return body.length + 256;
    }
}

package dev.cms.web.cache;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rendered answer: its bytes, the headers it was sent with, its ETag, the cache's generation
 * when its rendering began (see {@link PageCache#store}), the route template that rendered it (the
 * {@code uri} its hits are timed under), and the {@link dev.cms.core.content.PageTags} of what it
 * shows, and when it was rendered (epoch seconds, its {@code Last-Modified}).
 */
record CachedPage(long version, byte[] body, String etag, List<Map.Entry<String, String>> headers, String route,
                  Set<String> tags, long renderedAt) {

    int weight() {
        return body.length + 256;
    }
}

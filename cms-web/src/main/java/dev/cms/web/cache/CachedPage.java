package dev.cms.web.cache;

import java.util.List;
import java.util.Map;

/** One rendered answer: its bytes, the headers it was sent with, its ETag, and the content version it shows. */
record CachedPage(long version, byte[] body, String etag, List<Map.Entry<String, String>> headers) {

    int weight() {
        return body.length + 256;
    }
}

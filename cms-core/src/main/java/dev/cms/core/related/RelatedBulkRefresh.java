package dev.cms.core.related;

import dev.cms.core.content.Visibility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes many stored related lists at once (an import of thousands of articles): the same lists
 * as {@link RelatedService}'s one-article statement — pins first, then published articles sharing a
 * topic, scored by the sum of ln(1 + N / articles in the topic), ties to the newest — but from the
 * site's topic links read once into memory, and written with batched inserts.
 *
 * <p>Memory grows with the number of published articles and topic links, never with their text:
 * ids, publish times and topic indexes only (about 50 bytes a link). Built inside the caller's
 * transaction and used there, so it sees what the transaction wrote.
 */
public final class RelatedBulkRefresh {

    static final int BATCH = 1000;

    private final Connection db;
    private final int limit;
    private final int total;
    private final Map<Long, Integer> index = new HashMap<>();
    private final long[] ids;
    private final long[] publishedMicros;
    private final int[][] topicsOf;
    private final int[][] articlesOf;
    private final double[] weights;
    // Scratch space for one list at a time.
    private final double[] scores;
    private final boolean[] touched;

    RelatedBulkRefresh(Connection db, Instant now, int limit) throws SQLException {
        this.db = db;
        this.limit = limit;
        List<long[]> published = new ArrayList<>();
        // In the order of ix_article_published, which holds both columns: H2 then reads the index
        // alone (0.3 s for 100,000 articles), where id order made it read every article row (4 s).
        // The order of the arrays does not matter: ties are broken by time and id, not position.
        try (PreparedStatement s = db.prepareStatement("SELECT a.id, a.published_at FROM article a WHERE "
                + Visibility.publishedJdbc() + " ORDER BY a.status, a.published_at, a.id")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setFetchSize(BATCH);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    published.add(new long[] {r.getLong(1), micros(r.getTimestamp(2).toInstant())});
                }
            }
        }
        total = published.size();
        ids = new long[total];
        publishedMicros = new long[total];
        for (int i = 0; i < total; i++) {
            ids[i] = published.get(i)[0];
            publishedMicros[i] = published.get(i)[1];
            index.put(ids[i], i);
        }
        published = null;

        Map<Long, Integer> topicIndex = new HashMap<>();
        int[] linkArticle = new int[1024];
        int[] linkTopic = new int[1024];
        int links = 0;
        try (PreparedStatement s = db.prepareStatement("SELECT article_id, topic_id FROM article_topic")) {
            s.setFetchSize(BATCH);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Integer article = index.get(r.getLong(1));
                    if (article == null) {
                        continue; // not published: neither scored nor counted in a topic's weight
                    }
                    Integer topic = topicIndex.computeIfAbsent(r.getLong(2), t -> topicIndex.size());
                    if (links == linkArticle.length) {
                        linkArticle = Arrays.copyOf(linkArticle, links * 2);
                        linkTopic = Arrays.copyOf(linkTopic, links * 2);
                    }
                    linkArticle[links] = article;
                    linkTopic[links] = topic;
                    links++;
                }
            }
        }
        int topics = topicIndex.size();
        int[] perArticle = new int[total];
        int[] perTopic = new int[topics];
        for (int i = 0; i < links; i++) {
            perArticle[linkArticle[i]]++;
            perTopic[linkTopic[i]]++;
        }
        topicsOf = new int[total][];
        articlesOf = new int[topics][];
        for (int a = 0; a < total; a++) {
            topicsOf[a] = new int[perArticle[a]];
        }
        for (int t = 0; t < topics; t++) {
            articlesOf[t] = new int[perTopic[t]];
        }
        int[] filledArticle = new int[total];
        int[] filledTopic = new int[topics];
        for (int i = 0; i < links; i++) {
            int a = linkArticle[i];
            int t = linkTopic[i];
            topicsOf[a][filledArticle[a]++] = t;
            articlesOf[t][filledTopic[t]++] = a;
        }
        weights = new double[topics];
        for (int t = 0; t < topics; t++) {
            weights[t] = Math.log(1.0 + (double) total / articlesOf[t].length);
        }
        scores = new double[total];
        touched = new boolean[total];
    }

    /** Stores the lists of these articles anew (an unpublished or missing article's list is emptied). */
    public void refresh(Collection<Long> articleIds) throws SQLException {
        if (articleIds.isEmpty()) {
            return;
        }
        Map<Long, List<long[]>> pins = new HashMap<>();
        Map<Long, Set<Long>> excluded = new HashMap<>();
        readOverrides(articleIds, pins, excluded);
        try (ListWriter lists = new ListWriter(db)) {
            StringBuilder list = new StringBuilder();
            for (Long id : articleIds) {
                list.setLength(0);
                Integer self = index.get(id);
                if (self == null) {
                    lists.write(id, 0, ""); // not published (now): no list
                    continue;
                }
                Set<Long> leftOut = new HashSet<>(excluded.getOrDefault(id, Set.of()));
                int position = 0;
                for (long[] pin : pins.getOrDefault(id, List.of())) {
                    leftOut.add(pin[0]);
                    if (index.containsKey(pin[0])) {
                        append(list, pin[0]);
                        position++;
                    }
                }
                int pinned = position;
                int room = limit - position;
                if (room > 0) {
                    for (int candidate : ranked(self, leftOut, room)) {
                        append(list, ids[candidate]);
                    }
                    clearScores(self);
                }
                lists.write(id, pinned, list.toString());
            }
        }
    }

    private static void append(StringBuilder list, long id) {
        if (!list.isEmpty()) {
            list.append(',');
        }
        list.append(id);
    }

    /** The best {@code room} articles sharing a topic with {@code self}, leaving out {@code leftOut} ids. */
    private List<Integer> ranked(int self, Set<Long> leftOut, int room) {
        List<Integer> candidates = new ArrayList<>();
        for (int t : topicsOf[self]) {
            double weight = weights[t];
            for (int other : articlesOf[t]) {
                if (other == self) {
                    continue;
                }
                if (!touched[other]) {
                    touched[other] = true;
                    candidates.add(other);
                }
                scores[other] += weight;
            }
        }
        candidates.removeIf(c -> leftOut.contains(ids[c]));
        candidates.sort((a, b) -> {
            int byScore = Double.compare(scores[b], scores[a]);
            if (byScore != 0) {
                return byScore;
            }
            int byTime = Long.compare(publishedMicros[b], publishedMicros[a]);
            return byTime != 0 ? byTime : Long.compare(ids[b], ids[a]);
        });
        return candidates.size() > room ? candidates.subList(0, room) : candidates;
    }

    private void clearScores(int self) {
        for (int t : topicsOf[self]) {
            for (int other : articlesOf[t]) {
                scores[other] = 0;
                touched[other] = false;
            }
        }
    }

    private void readOverrides(Collection<Long> articleIds, Map<Long, List<long[]>> pins, Map<Long, Set<Long>> excluded)
            throws SQLException {
        List<Long> all = new ArrayList<>(articleIds);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + BATCH));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement s = db.prepareStatement("SELECT article_id, related_id, kind FROM related_override"
                    + " WHERE article_id IN (" + marks + ") ORDER BY article_id, position, related_id")) {
                for (int i = 0; i < part.size(); i++) {
                    s.setLong(i + 1, part.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long article = r.getLong(1);
                        long related = r.getLong(2);
                        if ("PIN".equals(r.getString(3))) {
                            pins.computeIfAbsent(article, k -> new ArrayList<>()).add(new long[] {related});
                        } else {
                            excluded.computeIfAbsent(article, k -> new HashSet<>()).add(related);
                        }
                    }
                }
            }
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}

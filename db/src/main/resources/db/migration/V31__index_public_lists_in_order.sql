-- Public lists are read newest first and stop after their page: with the id in the index, both
-- databases walk (status, published_at, id) in order and read only the rows of the page. The old
-- index (status, published_at) left ties unordered, and H2 then read every published row of a
-- 100,000-article site and sorted them for each list page (2.8 s for the home page).
CREATE INDEX ix_article_published ON article (status, published_at, id);
DROP INDEX ix_article_status_published_at;

-- Published articles in id order (sitemap documents and the search index rebuild read them in
-- keyset batches by id): without it H2 read all published rows through the index above and sorted
-- them for every batch.
CREATE INDEX ix_article_status_id ON article (status, id);

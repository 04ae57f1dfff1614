-- The admin list pages through articles newest-changed first (keyset on updated_at, id), and
-- search catches up on recently changed articles: both read this index.
CREATE INDEX ix_article_updated ON article (updated_at, id);

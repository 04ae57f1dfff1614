-- An article's topics in the order the editor typed them (the first is the one its breadcrumbs and
-- previous/next links follow). Links made before this keep 0 and are read in name order among
-- themselves, as they were shown until now.
ALTER TABLE article_topic ADD COLUMN position INTEGER DEFAULT 0 NOT NULL;

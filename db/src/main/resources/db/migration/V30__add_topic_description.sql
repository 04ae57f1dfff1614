-- What an editor says a topic is about: shown under the heading of its public page and as that
-- page's meta description. NULL: none given (the page describes itself by name and count).
ALTER TABLE topic ADD COLUMN description VARCHAR(500);

-- Articles looked up by their exact title: import-html finds the pages it already imported
-- (title and publish time) and the articles a page's 相关内容 titles name, one lookup per title.
CREATE INDEX ix_article_title ON article (title);

-- Who wrote an article (authors may edit only their own drafts), and the REVIEW status an
-- author's draft takes when submitted to editors.
ALTER TABLE article ADD COLUMN author_id BIGINT;
ALTER TABLE article ADD CONSTRAINT fk_article_author FOREIGN KEY (author_id) REFERENCES app_user (id) ON DELETE SET NULL;
CREATE INDEX ix_article_author ON article (author_id);
ALTER TABLE article DROP CONSTRAINT ck_article_status;
ALTER TABLE article ADD CONSTRAINT ck_article_status
    CHECK (status IN ('DRAFT', 'REVIEW', 'SCHEDULED', 'PUBLISHED', 'UNPUBLISHED'));

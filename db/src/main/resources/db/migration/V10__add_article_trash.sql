-- Deleting moves an article to the trash: status TRASHED (off the public site), the status it
-- had kept for a restore, and when it was trashed. Purging deletes the row for good.
ALTER TABLE article ADD COLUMN trashed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE article ADD COLUMN status_before_trash VARCHAR(16);
ALTER TABLE article DROP CONSTRAINT ck_article_status;
ALTER TABLE article ADD CONSTRAINT ck_article_status
    CHECK (status IN ('DRAFT', 'REVIEW', 'SCHEDULED', 'PUBLISHED', 'UNPUBLISHED', 'TRASHED'));

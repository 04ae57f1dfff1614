-- An article's featured image (题图): shown beside it in the public lists and as its page's share
-- image. Referenced as the site settings reference theirs (V29): by the media path (media.path) of
-- an uploaded image, NULL for none, with its size kept beside it so a list can size the thumbnail
-- without a query per row (uploads are never changed in place). A revision keeps the path it had.
ALTER TABLE article ADD COLUMN featured_image_path VARCHAR(64);
ALTER TABLE article ADD COLUMN featured_image_width INTEGER;
ALTER TABLE article ADD COLUMN featured_image_height INTEGER;
ALTER TABLE article_revision ADD COLUMN featured_image_path VARCHAR(64);

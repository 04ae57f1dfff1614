-- What an admin sets about the public site in the admin (站点设置), over the operator's defaults
-- (CMS_SITE_NAME and the rest): one row, made here and only ever updated, so every node reads the
-- same settings and a change commits with the content version that makes nodes drop their pages.
-- A NULL column means "the default". navigation holds the menu, one link a line: label, a tab, the
-- href (a site path or an http(s) URL). Images are media paths (media.path) of uploaded images;
-- the logo's size is kept with it, so the header can size it without a query.
CREATE TABLE site_profile (
    id               INTEGER       NOT NULL,
    site_name        VARCHAR(100),
    description      VARCHAR(300),
    footer_text      VARCHAR(500),
    navigation       VARCHAR(4000),
    logo_path        VARCHAR(64),
    logo_width       INTEGER,
    logo_height      INTEGER,
    favicon_path     VARCHAR(64),
    share_image_path VARCHAR(64),
    updated_at       TIMESTAMP WITH TIME ZONE,
    updated_by       VARCHAR(64),
    CONSTRAINT pk_site_profile PRIMARY KEY (id)
);

INSERT INTO site_profile (id) VALUES (1);

-- Usernames are unique whatever their case: 'Chief' and 'chief' were two accounts, one name to a
-- person and to the audit log. username_key is the lower-case form, kept by a CHECK so every
-- writer must give it, and unique. H2 has neither indexes on expressions nor stored generated
-- columns that PostgreSQL also accepts, hence a plain column.
--
-- Accounts already differing only in case: the oldest keeps its name, each later one becomes
-- '<name>-<id>' (still a valid username), and the audit log says so, for an admin to tell them.
INSERT INTO audit_event (at, actor, action, target, detail, address)
SELECT CURRENT_TIMESTAMP, 'system', 'user-rename', 'user ' || u.username,
       'renamed to ' || SUBSTRING(u.username FROM 1 FOR 40) || '-' || CAST(u.id AS VARCHAR(20))
           || ': an older account has the same name in another case', ''
FROM app_user u
WHERE EXISTS (SELECT 1 FROM app_user o WHERE LOWER(o.username) = LOWER(u.username) AND o.id < u.id);

UPDATE app_user SET username = SUBSTRING(username FROM 1 FOR 40) || '-' || CAST(id AS VARCHAR(20))
WHERE EXISTS (SELECT 1 FROM app_user o WHERE LOWER(o.username) = LOWER(app_user.username) AND o.id < app_user.id);

ALTER TABLE app_user ADD COLUMN username_key VARCHAR(64);
UPDATE app_user SET username_key = LOWER(username);
ALTER TABLE app_user ALTER COLUMN username_key SET NOT NULL;
ALTER TABLE app_user ADD CONSTRAINT ck_app_user_username_key CHECK (username_key = LOWER(username));
ALTER TABLE app_user ADD CONSTRAINT uk_app_user_username_key UNIQUE (username_key);

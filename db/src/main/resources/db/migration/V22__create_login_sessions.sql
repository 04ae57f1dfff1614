-- One row per login: the login cookie names its session, and a cookie counts only while its row
-- is here and unexpired, so logging out (which deletes the row) ends that login on every node,
-- including copies of its cookie, while the user's logins on other devices go on. The id is a
-- hash of the one in the cookie: a copy of the database (a backup) names no usable session.
CREATE TABLE login_session (
    id         VARCHAR(64) NOT NULL,
    user_id    BIGINT      NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_login_session PRIMARY KEY (id),
    CONSTRAINT fk_login_session_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);

CREATE INDEX ix_login_session_user ON login_session (user_id);
-- Expired rows are deleted in bulk, as logins come in.
CREATE INDEX ix_login_session_expires ON login_session (expires_at);

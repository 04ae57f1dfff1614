-- A form sent after its login had ended (a save after twelve hours), kept from the moment its user
-- logs in again: the page that sends it again must be loaded after that login, since CSRF tokens
-- are bound to the login cookie. Until then the fields travel through the browser only; only a
-- signed-in user's own form is stored, and for a day at most.
CREATE TABLE unsaved_form (
    id          VARCHAR(64)   NOT NULL,
    user_id     BIGINT        NOT NULL,
    target_path VARCHAR(2000) NOT NULL,
    form_fields TEXT          NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_unsaved_form PRIMARY KEY (id),
    CONSTRAINT fk_unsaved_form_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);

CREATE INDEX ix_unsaved_form_created ON unsaved_form (created_at);

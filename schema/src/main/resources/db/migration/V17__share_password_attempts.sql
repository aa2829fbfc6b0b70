-- Wrong share passwords, counted per share in a window: past the limit, checks are refused without
-- even verifying (no password guessing, no hashing cost) until the window has passed.
ALTER TABLE storage_file_shares
    ADD COLUMN password_failures      integer     NOT NULL DEFAULT 0,
    ADD COLUMN password_failures_since timestamptz,
    ADD CONSTRAINT storage_file_shares_password_failures_check CHECK (password_failures >= 0);

-- API tokens managed at run time (issue 12). Only the SHA-256 of a token is kept; the secret is shown once.
-- Times are ISO-8601 UTC text, as elsewhere in this database.
CREATE TABLE api_token (
    token_id     TEXT PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    actor        TEXT NOT NULL,
    permissions  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    expires_at   TEXT,
    revoked_at   TEXT,
    revoked_by   TEXT,
    last_used_at TEXT
);

-- Every creation and revocation, written in the same transaction as the token row: the auditors' record.
CREATE TABLE api_token_audit (
    entry_id    BIGSERIAL PRIMARY KEY,
    at          TEXT NOT NULL,
    change      TEXT NOT NULL CHECK (change IN ('created', 'revoked')),
    token_id    TEXT NOT NULL,
    actor       TEXT NOT NULL,
    permissions TEXT NOT NULL,
    expires_at  TEXT,
    changed_by  TEXT NOT NULL
);

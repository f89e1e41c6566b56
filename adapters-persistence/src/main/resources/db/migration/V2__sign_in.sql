-- Signing in: account passwords, server-side sessions and the sign-in throttle's failures.
-- Placeholders as in V1 (see Migrations.java). Instants in microseconds since the epoch (UTC).
-- No secret is stored as it was typed or sent: passwords as Argon2id PHC strings, session ids and
-- CSRF tokens as SHA-256 (hex), e-mail addresses in failures as SHA-256 of the lower-cased address.

-- An account signs in with at most one password; an account without a row cannot sign in.
CREATE TABLE account_passwords (
    account_id ${id} PRIMARY KEY REFERENCES accounts (id),
    hash       TEXT NOT NULL CHECK (length(hash) BETWEEN 1 AND 4096)
);

-- One row per signed-in session, found by the hash of the id its cookie carries.
CREATE TABLE sessions (
    id_hash      ${id} PRIMARY KEY CHECK (length(id_hash) BETWEEN 1 AND 512),
    account_id   ${id} NOT NULL REFERENCES accounts (id),
    csrf_hash    TEXT NOT NULL CHECK (length(csrf_hash) BETWEEN 1 AND 512),
    signed_in_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

CREATE INDEX sessions_by_account ON sessions (account_id);

-- One row per failed sign-in; the key need not belong to an account. Two failures may share a
-- moment, so the key is a sequence of its own.
CREATE TABLE sign_in_failures (
    id        ${sequence_key},
    email_key TEXT NOT NULL CHECK (length(email_key) BETWEEN 1 AND 1024),
    at        BIGINT NOT NULL
);

CREATE INDEX sign_in_failures_by_key ON sign_in_failures (email_key, at);

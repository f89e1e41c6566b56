-- Seatwarden's licensing state: accounts, tokens, seats and the audit log.
-- One script for SQLite and PostgreSQL; the few words that differ are Flyway placeholders
-- (see Migrations.java):
--   ${id}               an id column's type: TEXT on SQLite, TEXT COLLATE "C" on PostgreSQL,
--                       so that ids sort by code point on both
--   ${sequence_key}     the audit log's increasing key
-- Every *_at / *_until column is an instant in microseconds since 1970-01-01T00:00:00Z (UTC).
-- Every aggregate row has a version, bumped by each change (optimistic concurrency).

CREATE TABLE accounts (
    id                         ${id} PRIMARY KEY,
    email                      TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    email_canonical            TEXT NOT NULL UNIQUE,
    plan                       TEXT NOT NULL CHECK (plan IN ('STARTER', 'PRO', 'ENTERPRISE')),
    subscription               TEXT NOT NULL CHECK (subscription IN ('ACTIVE', 'LAPSED')),
    integration_limit_override INTEGER CHECK (integration_limit_override >= 0),
    created_at                 BIGINT NOT NULL,
    version                    BIGINT NOT NULL CHECK (version >= 1)
);

-- R14/R15: when the account's manual seat releases were counted, in order.
CREATE TABLE account_quota_uses (
    account_id ${id} NOT NULL REFERENCES accounts (id),
    position   INTEGER NOT NULL CHECK (position >= 0),
    used_at    BIGINT NOT NULL,
    PRIMARY KEY (account_id, position)
);

CREATE TABLE tokens (
    id                    ${id} PRIMARY KEY,
    account_id            ${id} NOT NULL REFERENCES accounts (id),
    kind                  TEXT NOT NULL CHECK (kind IN ('API', 'INTEGRATION')),
    name                  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    assignee              TEXT CHECK (length(assignee) BETWEEN 1 AND 100),
    -- R5: only the hash of a secret, never the secret; unique, so a hash finds one token
    secret_hash           TEXT NOT NULL UNIQUE,
    hint                  TEXT NOT NULL,
    -- R19: the secret the last rotation replaced, and when its grace period ends
    previous_secret_hash  TEXT UNIQUE,
    previous_valid_until  BIGINT,
    created_at            BIGINT NOT NULL,
    expires_at            BIGINT,
    -- R8: revocation is final
    revoked_at            BIGINT,
    revocation_reason     TEXT CHECK (revocation_reason IN ('OWNER', 'LEAKED')),
    -- R10/R23: the last successful verification
    last_used_at          BIGINT,
    last_use_machine      TEXT CHECK (length(last_use_machine) BETWEEN 1 AND 128),
    last_use_address      TEXT CHECK (length(last_use_address) BETWEEN 1 AND 256),
    last_use_agent        TEXT CHECK (length(last_use_agent) BETWEEN 1 AND 256),
    version               BIGINT NOT NULL CHECK (version >= 1),
    CHECK ((previous_secret_hash IS NULL) = (previous_valid_until IS NULL)),
    CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)),
    CHECK (last_use_machine IS NOT NULL OR (last_use_address IS NULL AND last_use_agent IS NULL)),
    -- lets a seat name its token and that token's account together
    UNIQUE (id, account_id)
);

CREATE INDEX tokens_by_account ON tokens (account_id, created_at, id);

-- R11: exactly one seat per token, free or assigned to one machine.
CREATE TABLE seats (
    token_id               ${id} PRIMARY KEY,
    account_id             ${id} NOT NULL REFERENCES accounts (id),
    state                  TEXT NOT NULL CHECK (state IN ('FREE', 'ASSIGNED')),
    machine_id             TEXT CHECK (length(machine_id) BETWEEN 1 AND 128),
    assigned_at            BIGINT,
    last_activity_at       BIGINT,
    -- R15: the machine a manual release freed the seat from
    released_manually_from TEXT CHECK (length(released_manually_from) BETWEEN 1 AND 128),
    version                BIGINT NOT NULL CHECK (version >= 1),
    -- the seat's account is its token's account
    FOREIGN KEY (token_id, account_id) REFERENCES tokens (id, account_id),
    CHECK ((state = 'ASSIGNED'
                AND machine_id IS NOT NULL AND assigned_at IS NOT NULL AND last_activity_at IS NOT NULL
                AND released_manually_from IS NULL)
        OR (state = 'FREE'
                AND machine_id IS NULL AND assigned_at IS NULL AND last_activity_at IS NULL))
);

CREATE INDEX seats_assigned ON seats (state, token_id);

-- R17: the append-only record of every change, listed newest first by sequence.
CREATE TABLE audit_events (
    sequence   ${sequence_key},
    account_id ${id} NOT NULL REFERENCES accounts (id),
    type       TEXT NOT NULL CHECK (type IN (
                   'ACCOUNT_CREATED', 'ACCOUNT_CHANGED', 'TOKEN_CREATED', 'TOKEN_ROTATED',
                   'TOKEN_REVOKED', 'SEAT_ASSIGNED', 'SEAT_REACTIVATED', 'SEAT_RELEASED',
                   'SEAT_RELEASE_REFUSED', 'VERIFICATION_REFUSED')),
    at         BIGINT NOT NULL,
    token_id   ${id},
    machine_id TEXT CHECK (length(machine_id) BETWEEN 1 AND 128),
    detail     TEXT
);

CREATE INDEX audit_events_by_account ON audit_events (account_id, sequence);

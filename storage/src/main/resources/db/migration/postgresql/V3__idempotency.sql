-- Responses remembered per (actor, Idempotency-Key), so that a retried POST returns the first answer, on any node.
CREATE TABLE idempotency_record (
    actor         VARCHAR(128) NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    status        INTEGER      NOT NULL,
    location      VARCHAR(512),
    etag          VARCHAR(64),
    content_type  VARCHAR(128),
    body          BYTEA,
    created_at    VARCHAR(40)  NOT NULL,
    PRIMARY KEY (actor, idem_key)
);

-- KenyaSms.PostgreSql send ledger, schema version 1.
-- The ledger runs this itself on first use unless PostgreSqlSendLedgerOptions.CreateSchema is false. To apply it
-- yourself, run it in one transaction with search_path set to the schema you configure (Schema, default public):
--   BEGIN; SET LOCAL search_path TO my_schema; \i 001_send_ledger.sql COMMIT;
-- Later versions ship as 002_*.sql, 003_*.sql ...: apply each whose number is above the version recorded below.

CREATE TABLE IF NOT EXISTS kenyasms_schema_version (
    component text PRIMARY KEY,
    version integer NOT NULL
);

-- One row per (idempotency key, recipient). No message text: only a hash of it.
-- COLLATE "C": byte order, so a key prefix (a campaign) is a range of the primary key.
CREATE TABLE kenyasms_send_ledger (
    key text COLLATE "C" NOT NULL,
    phone_number text COLLATE "C" NOT NULL,
    state text NOT NULL CHECK (state IN ('Sending', 'Sent', 'Rejected', 'NotSent', 'Uncertain')),
    content_hash text NOT NULL,
    token text NOT NULL,
    lease_expires timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    provider text,
    message_id text,
    cost numeric,
    status_code text,
    error text NOT NULL,
    PRIMARY KEY (key, phone_number)
);

-- Retention: PurgeAsync deletes by age.
CREATE INDEX kenyasms_send_ledger_updated_at ON kenyasms_send_ledger (updated_at);

INSERT INTO kenyasms_schema_version (component, version) VALUES ('send_ledger', 1)
ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version;

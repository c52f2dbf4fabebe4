-- KenyaSms.PostgreSql suppression list, schema version 1 (component suppression_list).
-- The list runs this itself on first use unless PostgreSqlSendLedgerOptions.CreateSchema is false. To apply it
-- yourself, run it in one transaction with search_path set to the schema you configure (Schema, default public, the
-- same as the send ledger's):
--   BEGIN; SET LOCAL search_path TO my_schema; \i suppression-list/001_suppression_list.sql COMMIT;
-- Later versions ship as suppression-list/002_*.sql ...: apply each whose number is above the version recorded below.

CREATE TABLE IF NOT EXISTS kenyasms_schema_version (
    component text PRIMARY KEY,
    version integer NOT NULL
);

-- One row per suppressed number, in E.164 (a row in another form would never match a recipient, so it is refused).
-- suppressed_at is when the current reason was given.
CREATE TABLE kenyasms_suppression_list (
    phone_number text COLLATE "C" PRIMARY KEY CHECK (phone_number ~ '^\+254[0-9]{9}$'),
    reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
    suppressed_at timestamptz NOT NULL
);

INSERT INTO kenyasms_schema_version (component, version) VALUES ('suppression_list', 1)
ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version;

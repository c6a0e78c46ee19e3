CREATE TABLE "audit_pending" (
	"audit_id" bigint PRIMARY KEY NOT NULL,
	"content_digest" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_seal" (
	"chain_seq" bigint PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_seal_audit_id_unique" UNIQUE("audit_id")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
-- The rows written so far were chained in id order by their writers: each becomes its own seal, in that order.
INSERT INTO "audit_seal" ("chain_seq", "audit_id", "prev_hash", "hash")
  SELECT row_number() OVER (ORDER BY "id"), "id", "prev_hash", "hash" FROM "audit_log" ORDER BY "id";--> statement-breakpoint
-- Writers no longer chain (no lock held to the commit): audit_append is replaced by the sealer.
DROP FUNCTION audit_append(text, timestamptz, uuid, text, text, text, text, text, text, boolean, text, text, text, jsonb);--> statement-breakpoint
-- The chain is append-only like the log: no UPDATE, DELETE or TRUNCATE of a seal. The refusal names its table.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_seal_no_update_delete BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- The sealer: chains up to p_limit queued rows, oldest id first, after the newest seal, in the caller's
-- transaction; 0 when another sealer holds the lock (writers never take it). Each seal's hash is SHA-256 of
-- "prev_hash:audit_id:content_digest", the digest the writer queued with the row (audit.ts: chainHash).
CREATE FUNCTION audit_seal_pending(p_limit integer) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  seq bigint;
  prev text;
  sealed integer := 0;
  queued record;
BEGIN
  IF NOT pg_try_advisory_xact_lock(7042001) THEN
    RETURN 0;
  END IF;
  SELECT s.chain_seq, s.hash INTO seq, prev FROM audit_seal s ORDER BY s.chain_seq DESC LIMIT 1;
  seq := coalesce(seq, 0);
  prev := coalesce(prev, repeat('0', 64));
  FOR queued IN SELECT p.audit_id, p.content_digest FROM audit_pending p ORDER BY p.audit_id LIMIT p_limit LOOP
    seq := seq + 1;
    INSERT INTO audit_seal (chain_seq, audit_id, prev_hash, hash)
      VALUES (seq, queued.audit_id, prev, encode(sha256(convert_to(prev || ':' || queued.audit_id::text || ':' || queued.content_digest, 'UTF8')), 'hex'))
      RETURNING hash INTO prev;
    DELETE FROM audit_pending WHERE audit_id = queued.audit_id;
    sealed := sealed + 1;
  END LOOP;
  RETURN sealed;
END;
$$;

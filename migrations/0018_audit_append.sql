ALTER TABLE "audit_log" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Appends one audit row in one statement (hash version 2): takes the chain's lock (held to the end of the
-- transaction), draws the id, reads the newest row's hash after the lock is granted (a VOLATILE function's
-- statements each take a fresh snapshot), and chains the row: hash = SHA-256 of "prev_hash:id:content_digest",
-- where content_digest is the SHA-256 of the row's content as canonical JSON, made by the application.
CREATE FUNCTION audit_append(
  p_content_digest text, p_occurred_at timestamptz, p_actor_user_id uuid, p_actor_role text, p_lcsa_id text, p_action text,
  p_entity_type text, p_entity_id text, p_request_id text, p_is_pii_read boolean, p_outcome text, p_before_digest text,
  p_after_digest text, p_detail jsonb
) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  next_id bigint;
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(7042001);
  next_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  SELECT a.hash INTO prev FROM audit_log a ORDER BY a.id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_log (id, occurred_at, actor_user_id, actor_role, lcsa_id, action, entity_type, entity_id, request_id,
    is_pii_read, outcome, before_digest, after_digest, detail, prev_hash, hash, hash_version)
  VALUES (next_id, p_occurred_at, p_actor_user_id, p_actor_role, p_lcsa_id, p_action, p_entity_type, p_entity_id, p_request_id,
    p_is_pii_read, p_outcome, p_before_digest, p_after_digest, p_detail, prev,
    encode(sha256(convert_to(prev || ':' || next_id::text || ':' || p_content_digest, 'UTF8')), 'hex'), 2);
  RETURN next_id;
END;
$$;

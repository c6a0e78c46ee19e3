-- The next link of the audit chain in one round trip: takes the chain's lock (held to the end of the
-- transaction), then draws the row's id and reads the newest row's hash. A VOLATILE function's statements
-- each take a fresh snapshot, so the read after the lock sees every link committed before it was granted.
CREATE FUNCTION audit_chain_next(OUT next_id bigint, OUT prev_hash text) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7042001);
  next_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  SELECT a.hash INTO prev_hash FROM audit_log a ORDER BY a.id DESC LIMIT 1;
END;
$$;

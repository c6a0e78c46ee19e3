CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "search_name" text GENERATED ALWAYS AS (lower(first_name || ' ' || last_name)) STORED;--> statement-breakpoint
CREATE INDEX "intercept_claims_number_idx" ON "intercept_claims" USING btree ("claim_number");--> statement-breakpoint
CREATE INDEX "cases_number_prefix_idx" ON "cases" USING btree (upper("case_number") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_number_prefix_idx" ON "orders" USING btree (upper("court_order_number") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_search_name_trgm" ON "persons" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_last4_dob_idx" ON "persons" USING btree ("ssn_last4","date_of_birth");
CREATE TABLE "finance_balances" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"lcsa_id" text NOT NULL,
	"as_of" date NOT NULL,
	"current_due_cents" bigint NOT NULL,
	"arrears_cents" bigint NOT NULL,
	"interest_cents" bigint NOT NULL,
	"futures_cents" bigint NOT NULL,
	"total_owed_cents" bigint NOT NULL,
	"stored_difference_cents" bigint,
	"run_job_id" uuid,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "finance_balances_lcsa_idx" ON "finance_balances" USING btree ("lcsa_id");
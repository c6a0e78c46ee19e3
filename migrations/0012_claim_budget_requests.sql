CREATE TABLE "claim_budget_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lcsa_id" text NOT NULL,
	"state_fiscal_year" text NOT NULL,
	"status" text NOT NULL,
	"positions" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"total_cents" bigint NOT NULL,
	"review_comment" text,
	"version" integer NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "claim_budget_requests_uq" ON "claim_budget_requests" USING btree ("lcsa_id","state_fiscal_year");
CREATE TABLE "intercept_match_weights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"effective_from" date NOT NULL,
	"levels" jsonb NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "intercept_matches" ADD COLUMN "weights_id" uuid;--> statement-breakpoint
CREATE INDEX "intercept_match_weights_effective_idx" ON "intercept_match_weights" USING btree ("effective_from");
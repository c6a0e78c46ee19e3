CREATE TABLE "claim_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lcsa_id" text NOT NULL,
	"state_fiscal_year" text NOT NULL,
	"stream" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"working" jsonb,
	"set_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"version" integer NOT NULL,
	"comment" text,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"attachments" jsonb NOT NULL,
	"over_allocation_justification" text,
	"source" text NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lcsa_id" text NOT NULL,
	"quarter" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"attachments" jsonb NOT NULL,
	"over_allocation_justification" text,
	"due_by" date NOT NULL,
	"submitted_on" date,
	"is_late" boolean DEFAULT false NOT NULL,
	"accepted_on" date,
	"prepared_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "claim_allocations_uq" ON "claim_allocations" USING btree ("lcsa_id","state_fiscal_year","stream");--> statement-breakpoint
CREATE INDEX "claim_events_claim_idx" ON "claim_events" USING btree ("claim_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_versions_uq" ON "claim_versions" USING btree ("claim_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_lcsa_quarter_uq" ON "claims" USING btree ("lcsa_id","quarter");--> statement-breakpoint
CREATE INDEX "claims_quarter_status_idx" ON "claims" USING btree ("quarter","status");
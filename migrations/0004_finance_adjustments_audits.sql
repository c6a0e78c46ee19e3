CREATE TABLE "finance_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lcsa_id" text NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"terms" jsonb NOT NULL,
	"justification" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"proposed_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance_audit_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lcsa_id" text NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"requested_by" text NOT NULL,
	"received_on" date NOT NULL,
	"knew_on" date,
	"summary" text NOT NULL,
	"due_on" date NOT NULL,
	"is_filed_late" boolean DEFAULT false NOT NULL,
	"extended_to" date,
	"extension_reason" text,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_on" date,
	"outcome" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance_stored_balances" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"lcsa_id" text NOT NULL,
	"as_of" date NOT NULL,
	"source" text NOT NULL,
	"principal_cents" bigint NOT NULL,
	"interest_cents" bigint NOT NULL,
	"futures_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "finance_collections" ADD COLUMN "obligor_receipt_id" text;--> statement-breakpoint
CREATE INDEX "finance_adjustments_case_idx" ON "finance_adjustments" USING btree ("case_id","effective_on");--> statement-breakpoint
CREATE INDEX "finance_adjustments_queue_idx" ON "finance_adjustments" USING btree ("lcsa_id","status");--> statement-breakpoint
CREATE INDEX "finance_audit_requests_queue_idx" ON "finance_audit_requests" USING btree ("lcsa_id","status","due_on");--> statement-breakpoint
CREATE INDEX "finance_audit_requests_case_idx" ON "finance_audit_requests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "finance_stored_balances_lcsa_idx" ON "finance_stored_balances" USING btree ("lcsa_id");--> statement-breakpoint
CREATE INDEX "finance_collections_obligor_receipt_idx" ON "finance_collections" USING btree ("obligor_receipt_id");
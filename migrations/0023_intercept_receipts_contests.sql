CREATE TABLE "intercept_contests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"lcsa_id" text NOT NULL,
	"received_on" date NOT NULL,
	"grounds" text NOT NULL,
	"statement" text,
	"documents" text[] NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"decided_on" date,
	"decision_note" text,
	"amended_withhold_cents" bigint,
	"recorded_by" uuid,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intercept_sdu_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sdu_receipt_id" text NOT NULL,
	"notice_reference" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"received_on" date NOT NULL,
	"payer_name" text,
	"source_file" text,
	"line" integer,
	"notice_id" uuid,
	"lcsa_id" text,
	"status" text NOT NULL,
	"reason" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intercept_sdu_receipts_sdu_receipt_id_unique" UNIQUE("sdu_receipt_id")
);
--> statement-breakpoint
ALTER TABLE "intercept_notice_answers" ADD COLUMN "payment_gross_cents" bigint;--> statement-breakpoint
ALTER TABLE "intercept_notice_answers" ADD COLUMN "receipt_id" uuid;--> statement-breakpoint
ALTER TABLE "intercept_notices" ADD COLUMN "promised_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "intercept_notices" ADD COLUMN "per_payment_basis_points" integer;--> statement-breakpoint
ALTER TABLE "intercept_notices" ADD COLUMN "on_hold" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "intercept_notices" ADD COLUMN "insurer_copy_mailed_on" date;--> statement-breakpoint
ALTER TABLE "intercept_notices" ADD COLUMN "obligor_copy_mailed_on" date;--> statement-breakpoint
ALTER TABLE "intercept_notices" ADD COLUMN "insurer_received_on" date;--> statement-breakpoint
CREATE INDEX "intercept_contests_notice_idx" ON "intercept_contests" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "intercept_sdu_receipts_status_idx" ON "intercept_sdu_receipts" USING btree ("status","received_on");--> statement-breakpoint
CREATE INDEX "intercept_sdu_receipts_notice_idx" ON "intercept_sdu_receipts" USING btree ("notice_id");--> statement-breakpoint
-- Remittances recorded before this change were posted at once: what was promised is what was posted.
UPDATE "intercept_notices" SET "promised_cents" = "remitted_cents";

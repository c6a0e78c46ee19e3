CREATE TABLE "lien_payoff_demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid,
	"channel" text NOT NULL,
	"company_name" text NOT NULL,
	"escrow_number" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"property_address" text NOT NULL,
	"transaction_type" text NOT NULL,
	"borrower_first_name" text NOT NULL,
	"borrower_last_name" text NOT NULL,
	"ssn_blind_index" text NOT NULL,
	"ssn_last4" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"drivers_license_blind_index" text,
	"documents" jsonb NOT NULL,
	"person_id" uuid,
	"lcsa_ids" text[] NOT NULL,
	"identity" jsonb NOT NULL,
	"status" text NOT NULL,
	"received_on" date NOT NULL,
	"due_by" date NOT NULL,
	"good_through" date NOT NULL,
	"issued_on" date,
	"payoff_cents" bigint,
	"per_diem_cents" bigint,
	"breakdown" jsonb,
	"liens" jsonb,
	"letter_version" text,
	"review_note" text,
	"decided_by" uuid,
	"paid_on" date,
	"paid_cents" bigint,
	"receipt_id" text,
	"release_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lien_subordinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"lcsa_ids" text[] NOT NULL,
	"county_fips" text NOT NULL,
	"property_address" text NOT NULL,
	"lender_name" text NOT NULL,
	"loan_amount_cents" bigint NOT NULL,
	"requested_on" date NOT NULL,
	"is_eligible" boolean NOT NULL,
	"eligibility" jsonb NOT NULL,
	"status" text NOT NULL,
	"decided_on" date,
	"decided_by" uuid,
	"decision_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lien_releases" ADD COLUMN "kind" text DEFAULT 'general' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "drivers_license_blind_index" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "drivers_license_last4" text;--> statement-breakpoint
CREATE UNIQUE INDEX "lien_payoff_demands_escrow_uq" ON "lien_payoff_demands" USING btree ("company_name","escrow_number");--> statement-breakpoint
CREATE INDEX "lien_payoff_demands_queue_idx" ON "lien_payoff_demands" USING btree ("status","due_by");--> statement-breakpoint
CREATE INDEX "lien_payoff_demands_partner_idx" ON "lien_payoff_demands" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "lien_payoff_demands_person_idx" ON "lien_payoff_demands" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "lien_subordinations_person_idx" ON "lien_subordinations" USING btree ("person_id");
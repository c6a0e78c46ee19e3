CREATE TABLE "intercept_claim_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"insurer_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"line_count" integer NOT NULL,
	"accepted_count" integer NOT NULL,
	"not_reportable_count" integer NOT NULL,
	"rejected_count" integer NOT NULL,
	"matched_count" integer DEFAULT 0 NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"received_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intercept_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"insurer_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"claim_number" text NOT NULL,
	"claim_type" text NOT NULL,
	"payment_type" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"loss_date" date,
	"reportability" text NOT NULL,
	"status" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"date_of_birth" date,
	"address_line1" text,
	"city" text,
	"state" text,
	"zip" text,
	"ssn_ciphertext" text,
	"ssn_blind_index" text,
	"ssn_last4" text,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intercept_exclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intercept_file_errors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"field" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intercept_insurers" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"naic_code" text NOT NULL,
	"fein" text NOT NULL,
	"lines_of_business" text[] NOT NULL,
	"channel" text NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"is_licensed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intercept_insurers_naic_code_unique" UNIQUE("naic_code")
);
--> statement-breakpoint
CREATE TABLE "intercept_matchable" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"lcsa_id" text NOT NULL,
	"past_due_cents" bigint NOT NULL,
	"as_of" date NOT NULL,
	"masked_keys" text[],
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intercept_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"lcsa_id" text NOT NULL,
	"score" real NOT NULL,
	"outcome" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"decision" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"past_due_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intercept_matches_claim_id_unique" UNIQUE("claim_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "intercept_claim_files_uq" ON "intercept_claim_files" USING btree ("insurer_id","sha256");--> statement-breakpoint
CREATE INDEX "intercept_claims_file_idx" ON "intercept_claims" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "intercept_claims_status_idx" ON "intercept_claims" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "intercept_exclusions_person_idx" ON "intercept_exclusions" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "intercept_file_errors_file_idx" ON "intercept_file_errors" USING btree ("file_id","line");--> statement-breakpoint
CREATE INDEX "intercept_matches_queue_idx" ON "intercept_matches" USING btree ("lcsa_id","outcome","decision");
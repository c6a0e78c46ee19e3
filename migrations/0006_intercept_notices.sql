CREATE TABLE "intercept_notice_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"answer" text NOT NULL,
	"amount_cents" bigint,
	"on_date" date,
	"note" text,
	"answered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intercept_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"insurer_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"lcsa_id" text NOT NULL,
	"kind" text NOT NULL,
	"notice_date" date NOT NULL,
	"past_due_cents" bigint NOT NULL,
	"withhold_cents" bigint NOT NULL,
	"cap_rule" text NOT NULL,
	"status" text NOT NULL,
	"remitted_cents" bigint DEFAULT 0 NOT NULL,
	"first_payment_on" date,
	"recheck_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intercept_notices_match_id_unique" UNIQUE("match_id")
);
--> statement-breakpoint
CREATE INDEX "intercept_notice_answers_notice_idx" ON "intercept_notice_answers" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "intercept_notices_insurer_idx" ON "intercept_notices" USING btree ("insurer_id");--> statement-breakpoint
CREATE INDEX "intercept_notices_lcsa_idx" ON "intercept_notices" USING btree ("lcsa_id");
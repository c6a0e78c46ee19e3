CREATE TABLE "finance_incarcerations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"released_on" date,
	"exceptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "finance_incarcerations_person_idx" ON "finance_incarcerations" USING btree ("person_id");
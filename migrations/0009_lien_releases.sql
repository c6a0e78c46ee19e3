CREATE TABLE "lien_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"trigger_date" date NOT NULL,
	"due_by" date NOT NULL,
	"released_on" date NOT NULL,
	"lien_count" integer NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "liens" ADD COLUMN "release_id" uuid;--> statement-breakpoint
CREATE INDEX "lien_releases_person_idx" ON "lien_releases" USING btree ("person_id");
CREATE TABLE "lien_demand_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"sealed" text NOT NULL,
	"check" text DEFAULT 'unchecked' NOT NULL,
	"check_note" text,
	"checked_by" uuid,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lien_demand_documents_demand_idx" ON "lien_demand_documents" USING btree ("demand_id");
CREATE TABLE "lien_wrong_person_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"lcsa_id" text NOT NULL,
	"owner_name" text NOT NULL,
	"apn" text NOT NULL,
	"county_fips" text NOT NULL,
	"property_address" text,
	"proof_documents" text[] NOT NULL,
	"received_on" date NOT NULL,
	"due_by" date NOT NULL,
	"status" text NOT NULL,
	"decided_on" date,
	"decision_note" text,
	"decided_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lien_wrong_person_requests_person_idx" ON "lien_wrong_person_requests" USING btree ("person_id");
CREATE TABLE "lien_parent_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"lcsa_id" text NOT NULL,
	"kind" text NOT NULL,
	"message" text,
	"received_on" date NOT NULL,
	"due_by" date NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"payoff_cents" bigint,
	"good_through" date,
	"answered_on" date,
	"answered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lien_parent_requests_queue_idx" ON "lien_parent_requests" USING btree ("lcsa_id","status","due_by");
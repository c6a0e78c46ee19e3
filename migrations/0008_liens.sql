CREATE TABLE "lien_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lien_id" uuid NOT NULL,
	"status" text NOT NULL,
	"detail" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"lcsa_id" text NOT NULL,
	"county_fips" text NOT NULL,
	"instrument" text NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"trigger_date" date NOT NULL,
	"due_by" date NOT NULL,
	"submitted_on" date,
	"recorded_on" date,
	"instrument_number" text,
	"fee_cents" bigint,
	"erecording_ref" text,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lien_events_lien_idx" ON "lien_events" USING btree ("lien_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "liens_order_county_uq" ON "liens" USING btree ("order_id","county_fips");--> statement-breakpoint
CREATE INDEX "liens_person_idx" ON "liens" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "liens_queue_idx" ON "liens" USING btree ("lcsa_id","status","due_by");
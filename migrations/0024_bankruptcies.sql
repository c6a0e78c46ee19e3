CREATE TABLE "bankruptcies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"lcsa_id" text NOT NULL,
	"chapter" text NOT NULL,
	"case_number" text NOT NULL,
	"court" text NOT NULL,
	"filed_on" date NOT NULL,
	"stay_lifted_on" date,
	"discharged_on" date,
	"dismissed_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bankruptcies" ADD CONSTRAINT "bankruptcies_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bankruptcies_person_idx" ON "bankruptcies" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bankruptcies_case_uq" ON "bankruptcies" USING btree ("court","case_number","person_id");
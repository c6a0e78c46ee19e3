CREATE TABLE "training_rollout_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_unit_id" text NOT NULL,
	"status" text NOT NULL,
	"planned_on" date NOT NULL,
	"reason" text,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "training_rollout_events_unit_idx" ON "training_rollout_events" USING btree ("org_unit_id","at");
CREATE TABLE "trauma_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phase_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"completed_on" date,
	"gap_kind" text,
	"gap_id" text,
	"campaign_id" uuid,
	"course_codes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trauma_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"instrument_id" uuid NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"closed_early_on" date,
	"org_unit_ids" text[] NOT NULL,
	"min_group_size" integer NOT NULL,
	"target_score" double precision NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trauma_instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"is_shipped" boolean NOT NULL,
	"loaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trauma_invitations" (
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"org_unit_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"is_used" boolean DEFAULT false NOT NULL,
	"reminded_on" date,
	CONSTRAINT "trauma_invitations_campaign_id_user_id_pk" PRIMARY KEY("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "trauma_phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"stage" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trauma_phases_ordinal_unique" UNIQUE("ordinal")
);
--> statement-breakpoint
CREATE TABLE "trauma_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_unit_id" text NOT NULL,
	"role_group" text NOT NULL,
	"language" text NOT NULL,
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "trauma_actions_phase_idx" ON "trauma_actions" USING btree ("phase_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trauma_instruments_uq" ON "trauma_instruments" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "trauma_invitations_token_uq" ON "trauma_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "trauma_responses_campaign_idx" ON "trauma_responses" USING btree ("campaign_id");
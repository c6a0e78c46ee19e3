CREATE TABLE "plan_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tactic_id" uuid NOT NULL,
	"on_date" date NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"status_text" text NOT NULL,
	"percent_complete" integer,
	"narrative" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_metric_values" (
	"metric_key" text NOT NULL,
	"computed_on" date NOT NULL,
	"label" text NOT NULL,
	"value" double precision,
	"numerator" integer NOT NULL,
	"denominator" integer NOT NULL,
	"note" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_metric_values_metric_key_computed_on_pk" PRIMARY KEY("metric_key","computed_on")
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tactic_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"weight" integer NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "plan_objectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	CONSTRAINT "plan_objectives_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "plan_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"mission" text NOT NULL,
	"vision" text NOT NULL,
	"values" text[] NOT NULL,
	CONSTRAINT "plan_periods_title_unique" UNIQUE("title")
);
--> statement-breakpoint
CREATE TABLE "plan_tactics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"objective_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"business_problem" text,
	"status_text" text NOT NULL,
	"percent_complete" integer,
	"outcomes_label" text NOT NULL,
	"outcomes" text[] NOT NULL,
	"critical_success_factors" text[] NOT NULL,
	"progress_label" text NOT NULL,
	"progress_source" text NOT NULL,
	"metric_key" text,
	"metric_target" double precision,
	"modules" text[] NOT NULL,
	"owner_user_id" uuid,
	"check_in_every_days" integer NOT NULL,
	"created_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_tactics_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE INDEX "plan_check_ins_tactic_idx" ON "plan_check_ins" USING btree ("tactic_id","on_date");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_goals_period_ordinal_uq" ON "plan_goals" USING btree ("period_id","ordinal");--> statement-breakpoint
CREATE INDEX "plan_tactics_objective_idx" ON "plan_tactics" USING btree ("objective_id");--> statement-breakpoint
CREATE INDEX "plan_tactics_owner_idx" ON "plan_tactics" USING btree ("owner_user_id");
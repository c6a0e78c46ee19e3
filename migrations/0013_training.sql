CREATE TABLE "training_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"curriculum_id" uuid,
	"cycle" integer NOT NULL,
	"course_version" integer NOT NULL,
	"source" text NOT NULL,
	"assigned_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"completed_on" date,
	"expires_on" date,
	"score_percent" integer,
	"completed_via" text,
	"reminded_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_course_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"description" text NOT NULL,
	"lessons" jsonb NOT NULL,
	"quiz" jsonb,
	"is_published" boolean DEFAULT false NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"owner" text NOT NULL,
	"published_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_courses_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "training_curricula" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"course_ids" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_curricula_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "training_lesson_progress" (
	"assignment_id" uuid NOT NULL,
	"lesson_id" text NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_org_units" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_quiz_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"score_percent" integer NOT NULL,
	"is_passed" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_rollout_waves" (
	"org_unit_id" text PRIMARY KEY NOT NULL,
	"wave" integer NOT NULL,
	"planned_on" date NOT NULL,
	"status" text NOT NULL,
	"launched_on" date,
	"delay_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_staff" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" text NOT NULL,
	"hire_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "training_assignments_uq" ON "training_assignments" USING btree ("user_id","course_id","cycle");--> statement-breakpoint
CREATE INDEX "training_assignments_due_idx" ON "training_assignments" USING btree ("status","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "training_course_versions_uq" ON "training_course_versions" USING btree ("course_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "training_lesson_progress_uq" ON "training_lesson_progress" USING btree ("assignment_id","lesson_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_quiz_attempts_uq" ON "training_quiz_attempts" USING btree ("assignment_id","attempt");--> statement-breakpoint
CREATE INDEX "training_staff_org_idx" ON "training_staff" USING btree ("org_unit_id");
CREATE TABLE "training_cmi5_files" (
	"package_id" uuid NOT NULL,
	"path" text NOT NULL,
	"content_type" text NOT NULL,
	"content" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_cmi5_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"course_activity_id" text NOT NULL,
	"structure" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_cmi5_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"lesson_id" text NOT NULL,
	"package_id" uuid NOT NULL,
	"au_activity_id" text NOT NULL,
	"fetch_token_hash" text NOT NULL,
	"fetched_at" timestamp with time zone,
	"launched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"initialized_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	"is_completed" boolean DEFAULT false NOT NULL,
	"is_passed" boolean DEFAULT false NOT NULL,
	"is_failed" boolean DEFAULT false NOT NULL,
	"scaled_score" text,
	CONSTRAINT "training_cmi5_sessions_fetch_token_hash_unique" UNIQUE("fetch_token_hash")
);
--> statement-breakpoint
ALTER TABLE "training_xapi_clients" ADD COLUMN "cmi5_session_id" uuid;--> statement-breakpoint
ALTER TABLE "training_xapi_clients" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "training_cmi5_files_uq" ON "training_cmi5_files" USING btree ("package_id","path");--> statement-breakpoint
CREATE INDEX "training_cmi5_sessions_assignment_idx" ON "training_cmi5_sessions" USING btree ("assignment_id","lesson_id");
CREATE TABLE "portal_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"destination_masked" text NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"lcsa_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"detail" jsonb NOT NULL,
	"linked_type" text,
	"linked_id" uuid,
	"answer" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_sign_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"finish_token_hash" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "preferred_language" text;--> statement-breakpoint
CREATE INDEX "portal_messages_created_idx" ON "portal_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "portal_requests_person_idx" ON "portal_requests" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "portal_requests_queue_idx" ON "portal_requests" USING btree ("lcsa_id","status","created_at");--> statement-breakpoint
CREATE INDEX "portal_sign_ups_person_idx" ON "portal_sign_ups" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_unique" UNIQUE("person_id");
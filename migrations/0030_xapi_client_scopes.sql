ALTER TABLE "training_xapi_clients" ADD COLUMN "scopes" text[] DEFAULT '{"all"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_xapi_clients" ADD COLUMN "secret_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "training_xapi_clients" ADD COLUMN "last_used_at" timestamp with time zone;
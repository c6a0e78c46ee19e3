ALTER TABLE "intercept_claim_files" ADD COLUMN "status" text DEFAULT 'received' NOT NULL;--> statement-breakpoint
ALTER TABLE "intercept_claim_files" ADD COLUMN "imported_through" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "intercept_claim_files" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "intercept_claim_files" ADD COLUMN "lease_until" timestamp with time zone;
ALTER TABLE "plan_tactics" ADD COLUMN "published_bar_percent" integer;--> statement-breakpoint
ALTER TABLE "plan_tactics" ADD COLUMN "published_circle" text;
CREATE TABLE "trauma_response_inbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"sealed" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "trauma_response_inbox_campaign_idx" ON "trauma_response_inbox" USING btree ("campaign_id");
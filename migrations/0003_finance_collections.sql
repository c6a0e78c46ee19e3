CREATE TABLE "finance_collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lcsa_id" text NOT NULL,
	"case_id" uuid NOT NULL,
	"receipt_id" text NOT NULL,
	"received_on" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"source" text NOT NULL,
	"posted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "finance_collections_receipt_id_unique" UNIQUE("receipt_id")
);
--> statement-breakpoint
CREATE INDEX "finance_collections_case_idx" ON "finance_collections" USING btree ("case_id","received_on");
CREATE TABLE "training_xapi_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"activity_id" text NOT NULL,
	"agent_ifi" text NOT NULL,
	"registration" text NOT NULL,
	"document_id" text NOT NULL,
	"content_type" text NOT NULL,
	"content" text NOT NULL,
	"etag" text NOT NULL,
	"updated" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "training_xapi_documents_uq" ON "training_xapi_documents" USING btree ("kind","activity_id","agent_ifi","registration","document_id");
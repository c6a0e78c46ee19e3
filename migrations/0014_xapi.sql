CREATE TABLE "training_xapi_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"secret_hash" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_xapi_clients_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "training_xapi_statements" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"statement" jsonb NOT NULL,
	"stored" timestamp with time zone NOT NULL,
	"verb_id" text NOT NULL,
	"own_activity" text,
	"own_agents" text[] NOT NULL,
	"related_activities" text[] NOT NULL,
	"related_agents" text[] NOT NULL,
	"registration" text,
	"target_id" uuid,
	"is_voided" boolean DEFAULT false NOT NULL,
	"client_id" uuid,
	CONSTRAINT "training_xapi_statements_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE INDEX "training_xapi_verb_idx" ON "training_xapi_statements" USING btree ("verb_id");--> statement-breakpoint
CREATE INDEX "training_xapi_activity_idx" ON "training_xapi_statements" USING btree ("own_activity");--> statement-breakpoint
CREATE INDEX "training_xapi_target_idx" ON "training_xapi_statements" USING btree ("target_id");
CREATE TABLE "read_pins" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"lsn" text NOT NULL,
	"pinned_at" timestamp with time zone NOT NULL
);

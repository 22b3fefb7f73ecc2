CREATE TABLE "register_import_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"upload_token" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"state" text NOT NULL,
	"summary" jsonb,
	"detail" text,
	"error" text,
	"started_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "register_import_runs" ADD CONSTRAINT "register_import_runs_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "register_import_runs_upload" ON "register_import_runs" USING btree ("upload_token");--> statement-breakpoint
CREATE INDEX "register_import_runs_council" ON "register_import_runs" USING btree ("council_id","created_at");
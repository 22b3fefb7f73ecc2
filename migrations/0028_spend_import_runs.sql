CREATE TABLE "spend_import_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"upload_token" text NOT NULL,
	"file_name" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"state" text NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"import_id" uuid,
	"error" text,
	"started_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spend_import_runs" ADD CONSTRAINT "spend_import_runs_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "spend_import_runs_upload" ON "spend_import_runs" USING btree ("upload_token");--> statement-breakpoint
CREATE INDEX "spend_import_runs_council" ON "spend_import_runs" USING btree ("council_id","created_at");
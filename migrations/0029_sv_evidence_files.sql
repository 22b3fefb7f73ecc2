CREATE TABLE "sv_evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"stored_name" text NOT NULL,
	"original_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sv_evidence_files" ADD CONSTRAINT "sv_evidence_files_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sv_evidence_files" ADD CONSTRAINT "sv_evidence_files_return_id_sv_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."sv_returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sv_evidence_files_return" ON "sv_evidence_files" USING btree ("return_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sv_evidence_files_stored_name" ON "sv_evidence_files" USING btree ("stored_name");--> statement-breakpoint
CREATE INDEX "sv_evidence_files_council" ON "sv_evidence_files" USING btree ("council_id");
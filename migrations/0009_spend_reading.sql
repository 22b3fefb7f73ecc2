-- Written by hand around drizzle-kit's output: it cannot name the old primary key. A mapping remembered before this
-- migration has no header to compare with, so it is dropped; the council's next confirmed file remembers its own.
DELETE FROM "spend_mappings";--> statement-breakpoint
ALTER TABLE "spend_mappings" DROP CONSTRAINT "spend_mappings_pkey";--> statement-breakpoint
ALTER TABLE "spend_mappings" ADD COLUMN "header_signature" text NOT NULL;--> statement-breakpoint
ALTER TABLE "spend_mappings" ADD CONSTRAINT "spend_mappings_council_id_header_signature_pk" PRIMARY KEY("council_id","header_signature");--> statement-breakpoint
ALTER TABLE "spend_imports" ADD COLUMN "date_column" text;--> statement-breakpoint
ALTER TABLE "spend_imports" ADD COLUMN "amount_column" text;--> statement-breakpoint
ALTER TABLE "spend_imports" ADD COLUMN "period_reading" text;--> statement-breakpoint
ALTER TABLE "spend_payments" ADD COLUMN "vat_pence" bigint;

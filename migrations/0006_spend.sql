CREATE TABLE "spend_by_month" (
	"council_id" uuid NOT NULL,
	"month" date NOT NULL,
	"department" text NOT NULL,
	"category" text NOT NULL,
	"amount_pence" bigint NOT NULL,
	"payments" integer NOT NULL,
	CONSTRAINT "spend_by_month_council_id_month_department_category_pk" PRIMARY KEY("council_id","month","department","category")
);
--> statement-breakpoint
CREATE TABLE "spend_by_payee" (
	"council_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"payee_id" uuid NOT NULL,
	"category" text NOT NULL,
	"amount_pence" bigint NOT NULL,
	"payments" integer NOT NULL,
	CONSTRAINT "spend_by_payee_council_id_year_payee_id_category_pk" PRIMARY KEY("council_id","year","payee_id","category")
);
--> statement-breakpoint
CREATE TABLE "spend_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"checksum" text NOT NULL,
	"kind" text NOT NULL,
	"parts" jsonb NOT NULL,
	"rows_read" integer NOT NULL,
	"rows_imported" integer NOT NULL,
	"rows_rejected" integer NOT NULL,
	"total_pence" bigint NOT NULL,
	"date_from" date,
	"date_to" date,
	"rejected" jsonb NOT NULL,
	"overlaps" jsonb NOT NULL,
	"imported_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spend_mappings" (
	"council_id" uuid PRIMARY KEY NOT NULL,
	"choices" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spend_payee_aliases" (
	"council_id" uuid NOT NULL,
	"name_key" text NOT NULL,
	"payee_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "spend_payee_aliases_council_id_name_key_pk" PRIMARY KEY("council_id","name_key")
);
--> statement-breakpoint
CREATE TABLE "spend_payees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"redacted" boolean DEFAULT false NOT NULL,
	"supplier_id" text,
	"company_number" text,
	"charity_number" text,
	"vat_number" text,
	"provider_id" uuid,
	"match_status" text NOT NULL,
	"suggested_provider_id" uuid,
	"suggestion_score" real,
	"rejected_provider_id" uuid,
	"first_import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spend_payments" (
	"council_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"payee_id" uuid NOT NULL,
	"supplier_name" text NOT NULL,
	"payment_date" date NOT NULL,
	"date_precision" text NOT NULL,
	"amount_pence" bigint NOT NULL,
	"department" text,
	"category" text,
	"purpose" text,
	"transaction_number" text,
	"irrecoverable_vat_pence" bigint
);
--> statement-breakpoint
CREATE TABLE "spend_uploads" (
	"token" text PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spend_by_month" ADD CONSTRAINT "spend_by_month_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_by_payee" ADD CONSTRAINT "spend_by_payee_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_imports" ADD CONSTRAINT "spend_imports_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_mappings" ADD CONSTRAINT "spend_mappings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_payee_aliases" ADD CONSTRAINT "spend_payee_aliases_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_payee_aliases" ADD CONSTRAINT "spend_payee_aliases_payee_id_spend_payees_id_fk" FOREIGN KEY ("payee_id") REFERENCES "public"."spend_payees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_payees" ADD CONSTRAINT "spend_payees_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_payees" ADD CONSTRAINT "spend_payees_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_payees" ADD CONSTRAINT "spend_payees_suggested_provider_id_providers_id_fk" FOREIGN KEY ("suggested_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_uploads" ADD CONSTRAINT "spend_uploads_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "spend_by_payee_payee" ON "spend_by_payee" USING btree ("council_id","payee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spend_imports_council_checksum" ON "spend_imports" USING btree ("council_id","checksum");--> statement-breakpoint
CREATE INDEX "spend_imports_council_created" ON "spend_imports" USING btree ("council_id","created_at");--> statement-breakpoint
CREATE INDEX "spend_payee_aliases_payee" ON "spend_payee_aliases" USING btree ("payee_id");--> statement-breakpoint
CREATE INDEX "spend_payees_council_status" ON "spend_payees" USING btree ("council_id","match_status");--> statement-breakpoint
CREATE INDEX "spend_payees_provider" ON "spend_payees" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "spend_payees_name_trgm" ON "spend_payees" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "spend_payments_council_payee_date" ON "spend_payments" USING btree ("council_id","payee_id","payment_date");--> statement-breakpoint
CREATE INDEX "spend_uploads_created" ON "spend_uploads" USING btree ("created_at");
CREATE TABLE "kpi_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"kpi_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"figure" numeric(20, 4) NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"query" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_returns" ADD CONSTRAINT "kpi_returns_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_returns" ADD CONSTRAINT "kpi_returns_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_returns" ADD CONSTRAINT "kpi_returns_kpi_id_contract_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."contract_kpis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_returns" ADD CONSTRAINT "kpi_returns_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_returns_kpi_period" ON "kpi_returns" USING btree ("kpi_id","period_start");--> statement-breakpoint
CREATE INDEX "kpi_returns_council_status" ON "kpi_returns" USING btree ("council_id","status");--> statement-breakpoint
CREATE INDEX "kpi_returns_contract" ON "kpi_returns" USING btree ("contract_id","period_start");
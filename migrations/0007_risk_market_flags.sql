CREATE TABLE "provider_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"known_on" date NOT NULL,
	"description" text NOT NULL,
	"source" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_financials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"period_end" date NOT NULL,
	"turnover_pence" bigint,
	"operating_profit_pence" bigint,
	"net_assets_pence" bigint,
	"cash_pence" bigint,
	"current_assets_pence" bigint,
	"current_liabilities_pence" bigint,
	"trading_since" date,
	"employees" integer,
	"accounts_audited" boolean DEFAULT false NOT NULL,
	"audit_required" boolean,
	"parent_company" text,
	"parent_guarantee" boolean DEFAULT false NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"entered_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"contract_id" uuid,
	"proposed_title" text,
	"annual_value_pence" bigint NOT NULL,
	"tier" integer NOT NULL,
	"financials_id" uuid,
	"thresholds" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"result" text NOT NULL,
	"explanation" text NOT NULL,
	"mitigations" text[] DEFAULT '{}'::text[] NOT NULL,
	"residual_risk" text NOT NULL,
	"decision" text,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"evidence_requested_at" timestamp with time zone,
	"assessed_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "market_position_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"service_category" text NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_capacity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"service_category" text NOT NULL,
	"amount" integer NOT NULL,
	"unit" text NOT NULL,
	"used_by_council" integer,
	"as_at" date NOT NULL,
	"notes" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "red_flag_dismissals" (
	"council_id" uuid NOT NULL,
	"flag_key" text NOT NULL,
	"rule_id" text NOT NULL,
	"reason" text NOT NULL,
	"dismissed_by" text NOT NULL,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "red_flag_dismissals_council_id_flag_key_pk" PRIMARY KEY("council_id","flag_key")
);
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "service_category" text;--> statement-breakpoint
ALTER TABLE "provider_events" ADD CONSTRAINT "provider_events_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_events" ADD CONSTRAINT "provider_events_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_financials" ADD CONSTRAINT "provider_financials_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_financials" ADD CONSTRAINT "provider_financials_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_financials_id_provider_financials_id_fk" FOREIGN KEY ("financials_id") REFERENCES "public"."provider_financials"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_position_statements" ADD CONSTRAINT "market_position_statements_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_capacity" ADD CONSTRAINT "provider_capacity_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_capacity" ADD CONSTRAINT "provider_capacity_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_flag_dismissals" ADD CONSTRAINT "red_flag_dismissals_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provider_events_provider" ON "provider_events" USING btree ("provider_id","known_on");--> statement-breakpoint
CREATE INDEX "provider_events_council" ON "provider_events" USING btree ("council_id","known_on");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_financials_provider_period" ON "provider_financials" USING btree ("provider_id","period_end");--> statement-breakpoint
CREATE INDEX "provider_financials_council" ON "provider_financials" USING btree ("council_id");--> statement-breakpoint
CREATE INDEX "risk_assessments_provider" ON "risk_assessments" USING btree ("provider_id","created_at");--> statement-breakpoint
CREATE INDEX "risk_assessments_council" ON "risk_assessments" USING btree ("council_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "market_position_statements_council_category" ON "market_position_statements" USING btree ("council_id","service_category");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_capacity_provider_category_unit" ON "provider_capacity" USING btree ("provider_id","service_category","unit");--> statement-breakpoint
CREATE INDEX "provider_capacity_council_category" ON "provider_capacity" USING btree ("council_id","service_category");--> statement-breakpoint
CREATE INDEX "contracts_council_service_category" ON "contracts" USING btree ("council_id","service_category");
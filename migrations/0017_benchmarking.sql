CREATE TABLE "benchmark_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"created" integer NOT NULL,
	"updated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benchmark_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"measure" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"licence" text NOT NULL,
	"polarity" text,
	"format" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benchmark_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"area_council_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_type" text NOT NULL,
	"period_start" date,
	"value" double precision NOT NULL,
	"import_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comparator_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"method" text NOT NULL,
	"model" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comparator_members" (
	"group_id" uuid NOT NULL,
	"member_council_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"distance" double precision,
	"explanation" jsonb,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "councils" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "benchmark_imports" ADD CONSTRAINT "benchmark_imports_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_indicators" ADD CONSTRAINT "benchmark_indicators_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_values" ADD CONSTRAINT "benchmark_values_indicator_id_benchmark_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."benchmark_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_values" ADD CONSTRAINT "benchmark_values_area_council_id_councils_id_fk" FOREIGN KEY ("area_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparator_groups" ADD CONSTRAINT "comparator_groups_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparator_members" ADD CONSTRAINT "comparator_members_group_id_comparator_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."comparator_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparator_members" ADD CONSTRAINT "comparator_members_member_council_id_councils_id_fk" FOREIGN KEY ("member_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "benchmark_indicators_council_key" ON "benchmark_indicators" USING btree ("council_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "benchmark_values_indicator_area_period" ON "benchmark_values" USING btree ("indicator_id","area_council_id","period");--> statement-breakpoint
CREATE INDEX "benchmark_values_area" ON "benchmark_values" USING btree ("area_council_id");--> statement-breakpoint
CREATE INDEX "comparator_groups_council" ON "comparator_groups" USING btree ("council_id");--> statement-breakpoint
CREATE UNIQUE INDEX "comparator_members_group_council" ON "comparator_members" USING btree ("group_id","member_council_id");
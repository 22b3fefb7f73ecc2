CREATE TABLE "engagement_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"capacity" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "market_engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"questions" jsonb NOT NULL,
	"closes_on" date NOT NULL,
	"status" text NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "engagement_responses" ADD CONSTRAINT "engagement_responses_engagement_id_market_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."market_engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_responses" ADD CONSTRAINT "engagement_responses_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_responses" ADD CONSTRAINT "engagement_responses_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_engagements" ADD CONSTRAINT "market_engagements_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_responses_provider" ON "engagement_responses" USING btree ("engagement_id","provider_id");--> statement-breakpoint
CREATE INDEX "engagement_responses_council_provider" ON "engagement_responses" USING btree ("council_id","provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "market_engagements_subject" ON "market_engagements" USING btree ("council_id","subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "market_engagements_council" ON "market_engagements" USING btree ("council_id","closes_on");
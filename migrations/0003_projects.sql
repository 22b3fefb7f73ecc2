CREATE TABLE "appraisal_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"weight" integer NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_scores" (
	"option_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"rationale" text,
	CONSTRAINT "appraisal_scores_option_id_criterion_id_pk" PRIMARY KEY("option_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "project_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by_id" uuid,
	"decided_by_name" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"contract_id" uuid,
	"grant_id" uuid,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"need" text NOT NULL,
	"evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"indicator" text NOT NULL,
	"baseline" text,
	"target" text,
	"latest" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"partner_council_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_route_advice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"request" jsonb NOT NULL,
	"advice" jsonb NOT NULL,
	"regime" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commissioning_projects" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "commissioning_projects" ADD COLUMN "budget_pence" bigint;--> statement-breakpoint
ALTER TABLE "appraisal_criteria" ADD CONSTRAINT "appraisal_criteria_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_criteria" ADD CONSTRAINT "appraisal_criteria_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_options" ADD CONSTRAINT "appraisal_options_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_options" ADD CONSTRAINT "appraisal_options_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_scores" ADD CONSTRAINT "appraisal_scores_option_id_appraisal_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."appraisal_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_scores" ADD CONSTRAINT "appraisal_scores_criterion_id_appraisal_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."appraisal_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_scores" ADD CONSTRAINT "appraisal_scores_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_scores" ADD CONSTRAINT "appraisal_scores_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_decisions" ADD CONSTRAINT "project_decisions_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_decisions" ADD CONSTRAINT "project_decisions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_decisions" ADD CONSTRAINT "project_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_links" ADD CONSTRAINT "project_links_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_links" ADD CONSTRAINT "project_links_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_links" ADD CONSTRAINT "project_links_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_links" ADD CONSTRAINT "project_links_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_outcomes" ADD CONSTRAINT "project_outcomes_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_outcomes" ADD CONSTRAINT "project_outcomes_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_partners" ADD CONSTRAINT "project_partners_partner_council_id_councils_id_fk" FOREIGN KEY ("partner_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_route_advice" ADD CONSTRAINT "project_route_advice_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_route_advice" ADD CONSTRAINT "project_route_advice_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_route_advice" ADD CONSTRAINT "project_route_advice_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appraisal_criteria_project" ON "appraisal_criteria" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "appraisal_options_project" ON "appraisal_options" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "appraisal_scores_project" ON "appraisal_scores" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_decisions_project" ON "project_decisions" USING btree ("project_id","decided_at");--> statement-breakpoint
CREATE INDEX "project_links_project" ON "project_links" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_milestones_project" ON "project_milestones" USING btree ("project_id","due_date");--> statement-breakpoint
CREATE INDEX "project_needs_project" ON "project_needs" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_outcomes_project" ON "project_outcomes" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_partners_project" ON "project_partners" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_route_advice_project" ON "project_route_advice" USING btree ("project_id","created_at");
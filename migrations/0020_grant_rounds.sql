CREATE TABLE "grant_application_scores" (
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"weighted" double precision NOT NULL,
	"comment" text,
	"scored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grant_application_scores_application_id_user_id_pk" PRIMARY KEY("application_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "grant_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"project_title" text NOT NULL,
	"amount_requested_pence" bigint NOT NULL,
	"annual_income_pence" bigint,
	"summary" text,
	"who_benefits" text,
	"outcomes" text,
	"budget_breakdown" text,
	"delivery" text,
	"submitted_at" timestamp with time zone,
	"moderated_score" double precision,
	"moderation_note" text,
	"decision" text,
	"awarded_pence" bigint,
	"decision_reason" text,
	"feedback" text,
	"decided_at" timestamp with time zone,
	"grant_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_round_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"weight" integer NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_round_declarations" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"conflict_provider_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"note" text,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grant_round_declarations_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "grant_round_invitees" (
	"round_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	CONSTRAINT "grant_round_invitees_round_id_provider_id_pk" PRIMARY KEY("round_id","provider_id")
);
--> statement-breakpoint
CREATE TABLE "grant_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"kind" text NOT NULL,
	"budget_pence" bigint NOT NULL,
	"vcse_only" boolean DEFAULT false NOT NULL,
	"local_only" boolean DEFAULT false NOT NULL,
	"max_income_pence" bigint,
	"short_form_up_to_pence" bigint NOT NULL,
	"moderation_gap" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grant_application_scores" ADD CONSTRAINT "grant_application_scores_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_application_scores" ADD CONSTRAINT "grant_application_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_application_scores" ADD CONSTRAINT "grant_application_scores_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_round_id_grant_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."grant_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_criteria" ADD CONSTRAINT "grant_round_criteria_round_id_grant_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."grant_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_criteria" ADD CONSTRAINT "grant_round_criteria_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_declarations" ADD CONSTRAINT "grant_round_declarations_round_id_grant_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."grant_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_declarations" ADD CONSTRAINT "grant_round_declarations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_declarations" ADD CONSTRAINT "grant_round_declarations_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_invitees" ADD CONSTRAINT "grant_round_invitees_round_id_grant_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."grant_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_invitees" ADD CONSTRAINT "grant_round_invitees_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_invitees" ADD CONSTRAINT "grant_round_invitees_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_rounds" ADD CONSTRAINT "grant_rounds_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grant_applications_round_provider" ON "grant_applications" USING btree ("round_id","provider_id");--> statement-breakpoint
CREATE INDEX "grant_applications_provider" ON "grant_applications" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "grant_round_criteria_round" ON "grant_round_criteria" USING btree ("round_id","position");--> statement-breakpoint
CREATE INDEX "grant_rounds_council_status" ON "grant_rounds" USING btree ("council_id","status","closes_at");
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bucket" text NOT NULL,
	"key_hash" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid,
	"service_description" text,
	"service_category" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"rating_listened" smallint,
	"rating_information" smallint,
	"rating_dignity" smallint,
	"rating_overall" smallint,
	"ward" text,
	"postcode" text,
	"author_email" text NOT NULL,
	"status" text DEFAULT 'awaiting-confirmation' NOT NULL,
	"moderator_note" text,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"author_token_hash" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"report_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_blocked_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"email_hash" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_change_links" (
	"change_id" uuid NOT NULL,
	"story_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"story_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "story_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"story_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"author_user_id" uuid,
	"signed_as" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	"verified_by" text NOT NULL,
	"idea_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text NOT NULL,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "priority_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "priority_ideas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"proposer_email" text,
	"status" text DEFAULT 'awaiting-confirmation' NOT NULL,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"feasibility" text,
	"cost_pence" bigint,
	"review_note" text,
	"winner_override" boolean,
	"override_reason" text,
	"project_id" uuid,
	"grant_id" uuid,
	"delivery_status" text DEFAULT 'not-started' NOT NULL,
	"delivery_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"phase" text DEFAULT 'ideas' NOT NULL,
	"voting_method" text NOT NULL,
	"budget_pence" bigint NOT NULL,
	"salt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_blocked_emails" ADD CONSTRAINT "story_blocked_emails_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_change_links" ADD CONSTRAINT "story_change_links_change_id_story_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."story_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_change_links" ADD CONSTRAINT "story_change_links_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_changes" ADD CONSTRAINT "story_changes_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_changes" ADD CONSTRAINT "story_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_reports" ADD CONSTRAINT "story_reports_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_reports" ADD CONSTRAINT "story_reports_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_responses" ADD CONSTRAINT "story_responses_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_responses" ADD CONSTRAINT "story_responses_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_responses" ADD CONSTRAINT "story_responses_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_responses" ADD CONSTRAINT "story_responses_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_ballots" ADD CONSTRAINT "priority_ballots_round_id_priority_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."priority_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_ballots" ADD CONSTRAINT "priority_ballots_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_codes" ADD CONSTRAINT "priority_codes_round_id_priority_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."priority_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_ideas" ADD CONSTRAINT "priority_ideas_round_id_priority_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."priority_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_ideas" ADD CONSTRAINT "priority_ideas_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_ideas" ADD CONSTRAINT "priority_ideas_project_id_commissioning_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."commissioning_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_ideas" ADD CONSTRAINT "priority_ideas_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_rounds" ADD CONSTRAINT "priority_rounds_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_messages_created" ON "outbox_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_to" ON "outbox_messages" USING btree ("to","created_at");--> statement-breakpoint
CREATE INDEX "rate_limit_events_bucket_key_at" ON "rate_limit_events" USING btree ("bucket","key_hash","at");--> statement-breakpoint
CREATE INDEX "stories_council_status" ON "stories" USING btree ("council_id","status","created_at");--> statement-breakpoint
CREATE INDEX "stories_published" ON "stories" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "stories_provider" ON "stories" USING btree ("provider_id","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stories_confirm_token" ON "stories" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "stories_author_token" ON "stories" USING btree ("author_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "story_blocked_emails_council_email" ON "story_blocked_emails" USING btree ("council_id","email_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "story_change_links_pair" ON "story_change_links" USING btree ("change_id","story_id");--> statement-breakpoint
CREATE INDEX "story_change_links_story" ON "story_change_links" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "story_changes_council" ON "story_changes" USING btree ("council_id","created_at");--> statement-breakpoint
CREATE INDEX "story_reports_council" ON "story_reports" USING btree ("council_id","resolved_at","created_at");--> statement-breakpoint
CREATE INDEX "story_responses_story" ON "story_responses" USING btree ("story_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "priority_ballots_round_voter" ON "priority_ballots" USING btree ("round_id","voter_key");--> statement-breakpoint
CREATE UNIQUE INDEX "priority_ballots_confirm_token" ON "priority_ballots" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE INDEX "priority_ballots_round_status" ON "priority_ballots" USING btree ("round_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "priority_codes_round_code" ON "priority_codes" USING btree ("round_id","code_hash");--> statement-breakpoint
CREATE INDEX "priority_ideas_round" ON "priority_ideas" USING btree ("round_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "priority_ideas_confirm_token" ON "priority_ideas" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE INDEX "priority_rounds_council" ON "priority_rounds" USING btree ("council_id","created_at");
CREATE TABLE "opportunity_digest_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"frequency" text NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"whole_council" boolean DEFAULT true NOT NULL,
	"ward_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"last_digest_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opportunity_digest_choices" ADD CONSTRAINT "opportunity_digest_choices_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_digest_choices" ADD CONSTRAINT "opportunity_digest_choices_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_digest_choices" ADD CONSTRAINT "opportunity_digest_choices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_digest_choices_person" ON "opportunity_digest_choices" USING btree ("council_id","provider_id","user_id");
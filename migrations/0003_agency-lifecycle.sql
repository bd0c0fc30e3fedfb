CREATE TABLE "agency_period_closures" (
	"period_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"reason" text NOT NULL,
	"closed_on" date NOT NULL,
	CONSTRAINT "agency_period_closures_period_id_agency_id_pk" PRIMARY KEY("period_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "agency_successions" (
	"id" serial PRIMARY KEY NOT NULL,
	"predecessor_id" integer NOT NULL,
	"successor_id" integer NOT NULL,
	"effective_on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_successions_predecessor_uq" UNIQUE("predecessor_id")
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "starts_on" date;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "agency_period_closures" ADD CONSTRAINT "agency_period_closures_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_period_closures" ADD CONSTRAINT "agency_period_closures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_predecessor_id_agencies_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_successor_id_agencies_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_successions_successor_idx" ON "agency_successions" USING btree ("successor_id");
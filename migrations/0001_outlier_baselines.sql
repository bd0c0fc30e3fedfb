CREATE TABLE "outlier_baseline_runs" (
	"period_id" integer PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outlier_baselines" (
	"period_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"question_key" text NOT NULL,
	"median" double precision NOT NULL,
	"mad" double precision NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "outlier_baselines_period_id_agency_id_question_key_pk" PRIMARY KEY("period_id","agency_id","question_key")
);
--> statement-breakpoint
ALTER TABLE "outlier_baseline_runs" ADD CONSTRAINT "outlier_baseline_runs_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlier_baselines" ADD CONSTRAINT "outlier_baselines_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "filing_sessions" (
	"chat_id" bigint PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"submission_id" integer NOT NULL,
	"screen" jsonb NOT NULL,
	"draft_rev" integer NOT NULL,
	"selection" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "filing_sessions" ADD CONSTRAINT "filing_sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_sessions" ADD CONSTRAINT "filing_sessions_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;
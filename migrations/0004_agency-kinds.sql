CREATE TABLE "agency_kinds" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"sort_order" integer NOT NULL
);

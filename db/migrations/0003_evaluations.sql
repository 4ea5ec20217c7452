CREATE TABLE `evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`country` text NOT NULL,
	`gender` text NOT NULL,
	`relevance` integer NOT NULL,
	`content` integer NOT NULL,
	`trainers` integer NOT NULL,
	`organisation` integer NOT NULL,
	`overall` integer NOT NULL,
	`recommend` integer NOT NULL,
	`apply_at_work` text DEFAULT '' NOT NULL,
	`suggestions` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "evaluation_ratings" CHECK("evaluations"."relevance" between 1 and 5 and "evaluations"."content" between 1 and 5 and "evaluations"."trainers" between 1 and 5
          and "evaluations"."organisation" between 1 and 5 and "evaluations"."overall" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluations_application_id_unique` ON `evaluations` (`application_id`);--> statement-breakpoint
CREATE INDEX `evaluations_by_course` ON `evaluations` (`course_slug`,`country`);
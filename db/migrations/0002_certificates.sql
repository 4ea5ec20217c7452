CREATE TABLE `letters` (
	`code` text PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letters_application_id_unique` ON `letters` (`application_id`);--> statement-breakpoint
ALTER TABLE `certificates` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `certificates` ADD `revoked_reason` text;
CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_slug` text NOT NULL,
	`user_id` text,
	`country` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`motivation` text DEFAULT '' NOT NULL,
	`nominated` integer DEFAULT false NOT NULL,
	`rank` integer,
	`endorsed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `one_application_per_person_per_course` ON `applications` (`user_id`,`course_slug`);--> statement-breakpoint
CREATE INDEX `applications_by_course_status` ON `applications` (`course_slug`,`status`);--> statement-breakpoint
CREATE INDEX `applications_by_country` ON `applications` (`country`,`course_slug`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`action` text NOT NULL,
	`application_id` integer,
	`from_status` text,
	`to_status` text,
	`reason` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_by_application` ON `audit_log` (`application_id`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`code` text PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_application_id_unique` ON `certificates` (`application_id`);--> statement-breakpoint
CREATE TABLE `email_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`secret_hash` blob NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`code_hash` blob NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`secret_hash` blob NOT NULL,
	`two_factor_verified` integer DEFAULT false NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`last_active_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_by_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`email_verified` integer DEFAULT false NOT NULL,
	`password_hash` text,
	`role` text DEFAULT 'participant' NOT NULL,
	`country` text,
	`full_name` text NOT NULL,
	`institution` text DEFAULT '' NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`gender` text DEFAULT 'prefer-not-to-say' NOT NULL,
	`preferred_language` text DEFAULT 'en' NOT NULL,
	`totp_key` blob,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);
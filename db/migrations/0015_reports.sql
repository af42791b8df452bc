CREATE TABLE `report_reminders` (
	`key` text PRIMARY KEY NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`unit_id` integer,
	`issuing_body_id` integer,
	`number_formatted` text NOT NULL,
	`issued_on` text NOT NULL,
	`issued_by` integer,
	`signer_name` text,
	`signer_title` text,
	`figures` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issuing_body_id`) REFERENCES `issuing_bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_period_idx` ON `reports` (`period_from`,`period_to`);
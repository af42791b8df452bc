CREATE TABLE `conclusion_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conclusion_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`content` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`saved_by` integer NOT NULL,
	`first_saved_at` integer NOT NULL,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`conclusion_id`) REFERENCES `conclusions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conclusion_versions_idx` ON `conclusion_versions` (`conclusion_id`,`saved_at`);--> statement-breakpoint
CREATE TABLE `task_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`kind` text NOT NULL,
	`deadline` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_reminders_once` ON `task_reminders` (`task_id`,`kind`,`deadline`);--> statement-breakpoint
ALTER TABLE `conclusions` ADD `correction_reason` text;--> statement-breakpoint
ALTER TABLE `conclusions` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conclusions` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `conclusions` ADD `recipient_unit_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `conclusions` ADD `other_recipients` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `conclusions` ADD `signer_title` text;--> statement-breakpoint
ALTER TABLE `conclusions` ADD `signer_name` text;--> statement-breakpoint
ALTER TABLE `conclusions` ADD `html` text;
CREATE TABLE `files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`ext` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `task_event_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_event_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`uploaded_by` integer NOT NULL,
	FOREIGN KEY (`task_event_id`) REFERENCES `task_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `files`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_event_files_event_idx` ON `task_event_files` (`task_event_id`);
CREATE TABLE `participant_group_members` (
	`group_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `participant_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participant_group_members_user_idx` ON `participant_group_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `participant_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participant_groups_name_unique` ON `participant_groups` (`name`);--> statement-breakpoint
ALTER TABLE `meeting_types` ADD `default_group_ids` text DEFAULT '[]' NOT NULL;
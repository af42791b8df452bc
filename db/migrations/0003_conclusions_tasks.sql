CREATE TABLE `conclusions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`content` text NOT NULL,
	`issuing_body_id` integer,
	`kind_code` text DEFAULT 'TB' NOT NULL,
	`number` integer,
	`number_formatted` text,
	`issued_on` text,
	`issued_at` integer,
	`issued_by` integer,
	`on_time` integer,
	`supersedes_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issuing_body_id`) REFERENCES `issuing_bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supersedes_id`) REFERENCES `conclusions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conclusions_meeting_idx` ON `conclusions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `task_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer NOT NULL,
	`unit_id` integer,
	`percent` integer,
	`text` text,
	`from_value` text,
	`to_value` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_events_task_idx` ON `task_events` (`task_id`,`at`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conclusion_id` integer NOT NULL,
	`block_id` text NOT NULL,
	`position` integer NOT NULL,
	`content` text NOT NULL,
	`lead_unit_id` integer NOT NULL,
	`coordinating_unit_ids` text DEFAULT '[]' NOT NULL,
	`deadline` text,
	`original_deadline` text,
	`standing_cycle` text,
	`following_leader_id` integer,
	`progress` integer DEFAULT 0 NOT NULL,
	`pending_deadline` text,
	`completion_declared_on` text,
	`completed_on` text,
	`started_on` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`conclusion_id`) REFERENCES `conclusions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`following_leader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_lead_deadline_idx` ON `tasks` (`lead_unit_id`,`deadline`);--> statement-breakpoint
CREATE INDEX `tasks_conclusion_idx` ON `tasks` (`conclusion_id`);
CREATE TABLE `agenda_progress` (
	`agenda_item_id` integer PRIMARY KEY NOT NULL,
	`meeting_id` integer NOT NULL,
	`first_started_at` integer,
	`running_since` integer,
	`used_ms` integer DEFAULT 0 NOT NULL,
	`speakers_closed` integer DEFAULT false NOT NULL,
	`speaking_limit_minutes` integer,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`state` text NOT NULL,
	`arrived_at` integer,
	`late` integer DEFAULT false NOT NULL,
	`left_at` integer,
	`left_reason` text,
	`absent_reason` text,
	`rules_acknowledged_at` integer,
	`method` text,
	`recorded_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_meeting_user_uq` ON `attendance` (`meeting_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `meeting_displays` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` integer NOT NULL,
	`secret_hash` blob NOT NULL,
	`label` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_displays_meeting_idx` ON `meeting_displays` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_notes` (
	`meeting_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`text` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_sessions` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`opened_at` integer NOT NULL,
	`opened_by` integer,
	`suspended_at` integer,
	`suspended_ms` integer DEFAULT 0 NOT NULL,
	`closed_at` integer,
	`closed_by` integer,
	`current_agenda_item_id` integer,
	`checkin_secret` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`current_agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `named_ballots` (
	`vote_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`choice` text NOT NULL,
	PRIMARY KEY(`vote_id`, `user_id`),
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `secret_ballots` (
	`vote_id` integer NOT NULL,
	`ballot_key` text NOT NULL,
	`choice` text NOT NULL,
	PRIMARY KEY(`vote_id`, `ballot_key`),
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `speeches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`state` text DEFAULT 'waiting' NOT NULL,
	`weight` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`added_by` integer,
	`started_at` integer,
	`ended_at` integer,
	`limit_ms` integer,
	`ends_at` integer,
	`remaining_ms` integer,
	`spoken_ms` integer DEFAULT 0 NOT NULL,
	`segment_started_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `speeches_item_idx` ON `speeches` (`agenda_item_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `speeches_one_waiting_uq` ON `speeches` (`agenda_item_id`,`user_id`) WHERE state = 'waiting';--> statement-breakpoint
CREATE UNIQUE INDEX `speeches_one_floor_uq` ON `speeches` (`meeting_id`) WHERE state in ('speaking', 'paused');--> statement-breakpoint
CREATE TABLE `vote_voters` (
	`vote_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`vote_id`, `user_id`),
	FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`question` text NOT NULL,
	`secret` integer NOT NULL,
	`pass_rule` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`opened_at` integer NOT NULL,
	`opened_by` integer,
	`closes_at` integer,
	`closed_at` integer,
	`closed_by` integer,
	`convened` integer,
	`present_at_close` integer,
	`entitled_at_close` integer,
	`quorum_needed` integer,
	`quorum_met` integer,
	`yes` integer,
	`no` integer,
	`abstain` integer,
	`passed` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `votes_meeting_idx` ON `votes` (`meeting_id`,`agenda_item_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `votes_one_open_uq` ON `votes` (`meeting_id`) WHERE state = 'open';--> statement-breakpoint
ALTER TABLE `meeting_types` ADD `grace_minutes` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting_types` ADD `quorum_rule` text DEFAULT 'two_thirds' NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting_types` ADD `pass_rule` text DEFAULT 'half_of_convened' NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting_types` ADD `debate_limit_seconds` integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting_types` ADD `substitutes_vote` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting_types` ADD `rules_text` text;
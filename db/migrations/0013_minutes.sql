CREATE TABLE `minutes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`taker_user_id` integer,
	`content` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`shared` integer DEFAULT false NOT NULL,
	`submitted_at` integer,
	`return_comment` text,
	`returned_at` integer,
	`issuing_body_id` integer,
	`number_formatted` text,
	`approved_on` text,
	`approved_at` integer,
	`approved_by` integer,
	`signatories` text,
	`html` text,
	`version` integer DEFAULT 1 NOT NULL,
	`supersedes_id` integer,
	`correction_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`taker_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issuing_body_id`) REFERENCES `issuing_bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supersedes_id`) REFERENCES `minutes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_meeting_idx` ON `minutes` (`meeting_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_one_open_uq` ON `minutes` (`meeting_id`) WHERE status in ('draft', 'submitted');--> statement-breakpoint
CREATE TABLE `minutes_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`minutes_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`content` text NOT NULL,
	`saved_by` integer NOT NULL,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`minutes_id`) REFERENCES `minutes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_versions_idx` ON `minutes_versions` (`minutes_id`,`saved_at`);
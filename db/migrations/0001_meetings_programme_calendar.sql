CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calendar_feeds_user_idx` ON `calendar_feeds` (`user_id`);--> statement-breakpoint
CREATE TABLE `calendar_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`note` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_overrides_date_unique` ON `calendar_overrides` (`date`);--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`presenter_user_id` integer,
	`presenter_unit_id` integer,
	`planned_minutes` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`presenter_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`presenter_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_meeting_idx` ON `agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `meeting_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`source` text DEFAULT 'person' NOT NULL,
	`rsvp` text DEFAULT 'pending' NOT NULL,
	`rsvp_reason` text,
	`substitute_user_id` integer,
	`invited_at` integer,
	`responded_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`substitute_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_meeting_user_uq` ON `meeting_participants` (`meeting_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `participants_user_idx` ON `meeting_participants` (`user_id`);--> statement-breakpoint
CREATE TABLE `meeting_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`document_lead_days` integer DEFAULT 3 NOT NULL,
	`conclusion_deadline_days` integer DEFAULT 5 NOT NULL,
	`speaking_limit_minutes` integer DEFAULT 5 NOT NULL,
	`max_duration_minutes` integer,
	`default_roles` text DEFAULT '[]' NOT NULL,
	`default_unit_ids` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_types_name_unique` ON `meeting_types` (`name`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`meeting_type_id` integer NOT NULL,
	`programme_item_id` integer,
	`off_programme_reason` text,
	`urgent` integer DEFAULT false NOT NULL,
	`chair_user_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`mode` text NOT NULL,
	`location` text,
	`join_url` text,
	`preparing_unit_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`status_reason` text,
	`invitations_sent_at` integer,
	`invitation_deadline` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_type_id`) REFERENCES `meeting_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_item_id`) REFERENCES `programme_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chair_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`preparing_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_starts_idx` ON `meetings` (`starts_at`);--> statement-breakpoint
CREATE INDEX `meetings_chair_idx` ON `meetings` (`chair_user_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `meetings_item_idx` ON `meetings` (`programme_item_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`link` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `programme_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`content` text NOT NULL,
	`meeting_type_id` integer,
	`presiding_user_id` integer,
	`preparing_unit_id` integer,
	`planned_month` integer NOT NULL,
	`planned_date` text,
	`notes` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`status_reason` text,
	`moved_to_item_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_type_id`) REFERENCES `meeting_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`presiding_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`preparing_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moved_to_item_id`) REFERENCES `programme_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `programme_items_programme_idx` ON `programme_items` (`programme_id`,`planned_month`);--> statement-breakpoint
CREATE INDEX `programme_items_unit_idx` ON `programme_items` (`preparing_unit_id`);--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`issuing_unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`period` text NOT NULL,
	`period_number` integer,
	`title` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`issuing_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programmes_period_uq` ON `programmes` (`issuing_unit_id`,`year`,`period`,`period_number`);
CREATE TABLE `poll_ballots` (
	`campaign_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`marks` text NOT NULL,
	`signer_name` text,
	PRIMARY KEY(`campaign_id`, `token_hash`),
	FOREIGN KEY (`campaign_id`) REFERENCES `poll_campaigns`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `poll_board` (
	`campaign_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `user_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `poll_campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `poll_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`legal_basis` text NOT NULL,
	`body_name` text NOT NULL,
	`chair_user_id` integer NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`allow_signature` integer DEFAULT false NOT NULL,
	`public_key` text,
	`private_key` text,
	`convened` integer,
	`opened_at` integer,
	`closed_at` integer,
	`published_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`chair_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `poll_candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`post` text NOT NULL,
	`unit_name` text,
	`user_id` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `poll_campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `poll_candidates_idx` ON `poll_candidates` (`campaign_id`,`position`);--> statement-breakpoint
CREATE TABLE `poll_paper_totals` (
	`campaign_id` integer NOT NULL,
	`entered_by` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`issued` integer NOT NULL,
	`returned` integer NOT NULL,
	`high` integer NOT NULL,
	`normal` integer NOT NULL,
	`low` integer NOT NULL,
	`invalid` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `entered_by`, `candidate_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `poll_campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `poll_candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `poll_voters` (
	`campaign_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`issued` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`campaign_id`, `user_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `poll_campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;

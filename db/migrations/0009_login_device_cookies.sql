CREATE TABLE `login_devices` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`username` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_devices_username_idx` ON `login_devices` (`username`);--> statement-breakpoint
ALTER TABLE `login_attempts` ADD `device_id` text;--> statement-breakpoint
CREATE INDEX `login_attempts_device_idx` ON `login_attempts` (`device_id`,`at`);
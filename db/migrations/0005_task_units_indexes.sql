CREATE TABLE `task_units` (
	`task_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`lead` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `task_id`),
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_units_task_idx` ON `task_units` (`task_id`);--> statement-breakpoint
CREATE INDEX `tasks_deadline_idx` ON `tasks` (`deadline`);--> statement-breakpoint
CREATE INDEX `tasks_buckets_idx` ON `tasks` (`lead_unit_id`,`deadline`,`completed_on`,`progress`);--> statement-breakpoint
INSERT INTO `task_units` (`task_id`, `unit_id`, `lead`) SELECT `id`, `lead_unit_id`, 1 FROM `tasks`;--> statement-breakpoint
INSERT OR IGNORE INTO `task_units` (`task_id`, `unit_id`, `lead`) SELECT `tasks`.`id`, `json_each`.`value`, 0 FROM `tasks`, json_each(`tasks`.`coordinating_unit_ids`);

CREATE TABLE `document_sequences` (
	`issuing_body_id` integer NOT NULL,
	`kind_code` text NOT NULL,
	`period` text NOT NULL,
	`last_number` integer NOT NULL,
	PRIMARY KEY(`issuing_body_id`, `kind_code`, `period`),
	FOREIGN KEY (`issuing_body_id`) REFERENCES `issuing_bodies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `issuing_bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`style` text NOT NULL,
	`body_code` text NOT NULL,
	`term_start_year` integer,
	`place` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issuing_bodies_unit_id_unique` ON `issuing_bodies` (`unit_id`);
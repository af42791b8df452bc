ALTER TABLE `meeting_participants` ADD `substitute_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `meeting_types` ADD `substitute_rule` text DEFAULT 'office' NOT NULL;
--> statement-breakpoint
UPDATE `meeting_participants` SET `substitute_confirmed_at` = COALESCE(`invited_at`, `responded_at`, 0) WHERE `source` LIKE 'substitute:%';

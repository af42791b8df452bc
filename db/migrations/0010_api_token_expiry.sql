ALTER TABLE `api_tokens` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `read_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE `api_tokens` SET `expires_at` = `created_at` + 90 * 86400000 WHERE `expires_at` IS NULL;

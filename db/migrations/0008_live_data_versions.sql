CREATE TABLE `data_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `data_versions` (`name`, `version`) VALUES ('tasks', 0);
--> statement-breakpoint
CREATE TRIGGER `tasks_version_insert` AFTER INSERT ON `tasks` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'tasks'; END;
--> statement-breakpoint
CREATE TRIGGER `tasks_version_update` AFTER UPDATE ON `tasks` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'tasks'; END;
--> statement-breakpoint
CREATE TRIGGER `tasks_version_delete` AFTER DELETE ON `tasks` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'tasks'; END;
--> statement-breakpoint
CREATE TRIGGER `task_events_version_insert` AFTER INSERT ON `task_events` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'tasks'; END;
--> statement-breakpoint
CREATE TRIGGER `task_events_version_update` AFTER UPDATE ON `task_events` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'tasks'; END;
--> statement-breakpoint
CREATE TRIGGER `task_events_version_delete` AFTER DELETE ON `task_events` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'tasks'; END;
--> statement-breakpoint
CREATE TRIGGER `units_version_insert` AFTER INSERT ON `units` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'tasks'; END;
--> statement-breakpoint
CREATE TRIGGER `units_version_update` AFTER UPDATE ON `units` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `name` = 'tasks'; END;

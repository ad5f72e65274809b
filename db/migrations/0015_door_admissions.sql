CREATE TABLE `admissions` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`performance_id` text NOT NULL,
	`device_id` text,
	`door` text,
	`scanned_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`mode` text NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "admissions_mode_known" CHECK("admissions"."mode" IN ('online', 'offline'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admissions_scan_uq` ON `admissions` (`ticket_id`,`device_id`,`scanned_at`);--> statement-breakpoint
CREATE INDEX `admissions_performance_idx` ON `admissions` (`performance_id`,`scanned_at`);--> statement-breakpoint
CREATE TABLE `door_version_counter` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `tickets` ADD `door_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `tickets_door_version_idx` ON `tickets` (`performance_id`,`door_version`);
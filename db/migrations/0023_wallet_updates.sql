CREATE TABLE `wallet_device_registrations` (
	`device_library_id` text NOT NULL,
	`pass_type_id` text NOT NULL,
	`serial` text NOT NULL,
	`push_token` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`device_library_id`, `pass_type_id`, `serial`)
);
--> statement-breakpoint
CREATE INDEX `wallet_device_registrations_serial_idx` ON `wallet_device_registrations` (`serial`);--> statement-breakpoint
CREATE TABLE `wallet_passes` (
	`serial` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`google_linked_at` integer,
	`created_at` integer NOT NULL,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `wallet_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wallet` text NOT NULL,
	`serial` text NOT NULL,
	`device_library_id` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`claim_id` text,
	`claimed_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`done_at` integer,
	CONSTRAINT "wallet_updates_target" CHECK(("wallet_updates"."wallet" = 'apple') = ("wallet_updates"."device_library_id" <> ''))
);
--> statement-breakpoint
CREATE INDEX `wallet_updates_due_idx` ON `wallet_updates` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `wallet_updates_pending_uq` ON `wallet_updates` (`wallet`,`serial`,`device_library_id`) WHERE "wallet_updates"."status" = 'pending';--> statement-breakpoint
ALTER TABLE `tickets` ADD `wallet_serial` text;--> statement-breakpoint
CREATE INDEX `tickets_wallet_serial_idx` ON `tickets` (`wallet_serial`) WHERE "tickets"."wallet_serial" IS NOT NULL;
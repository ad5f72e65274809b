CREATE TABLE `waiting_list_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`performance_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`language` text NOT NULL,
	`quantity` integer NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`created_at` integer NOT NULL,
	`offered_at` integer,
	`offer_hold_id` text,
	`offer_expires_at` integer,
	`closed_at` integer,
	`withdraw_token_hash` text NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "waiting_list_quantity_positive" CHECK("waiting_list_entries"."quantity" > 0),
	CONSTRAINT "waiting_list_offer_complete" CHECK("waiting_list_entries"."status" <> 'offered' OR ("waiting_list_entries"."offer_hold_id" IS NOT NULL AND "waiting_list_entries"."offer_expires_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `waiting_list_line_idx` ON `waiting_list_entries` (`performance_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `waiting_list_offer_hold_idx` ON `waiting_list_entries` (`offer_hold_id`) WHERE "waiting_list_entries"."offer_hold_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `waiting_list_offer_expiry_idx` ON `waiting_list_entries` (`status`,`offer_expires_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `waiting_list_live_email_uq` ON `waiting_list_entries` (`performance_id`,lower("email")) WHERE "waiting_list_entries"."status" IN ('waiting', 'offered');--> statement-breakpoint
ALTER TABLE `performances` ADD `waiting_list_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `performances` ADD `waiting_list_offer_hours` integer DEFAULT 24 NOT NULL;
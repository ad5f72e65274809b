CREATE TABLE `tills` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_kind` text NOT NULL,
	`business_day` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`counted_cash` integer,
	`expected_cash` integer,
	`difference` integer,
	`closed_by` text,
	`note` text,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tills_closed_complete" CHECK("tills"."status" = 'open' OR ("tills"."closed_at" IS NOT NULL AND "tills"."counted_cash" IS NOT NULL AND "tills"."expected_cash" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tills_actor_day_uq` ON `tills` (`shop_id`,`actor_id`,`business_day`);--> statement-breakpoint
CREATE INDEX `tills_shop_day_idx` ON `tills` (`shop_id`,`business_day`);--> statement-breakpoint
ALTER TABLE `holds` ADD `channel` text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `till_id` text;--> statement-breakpoint
CREATE INDEX `payments_till_idx` ON `payments` (`till_id`) WHERE "payments"."till_id" IS NOT NULL;
CREATE TABLE `reseller_quota_seats` (
	`performance_id` text NOT NULL,
	`seat_id` integer NOT NULL,
	`reseller_id` text NOT NULL,
	PRIMARY KEY(`performance_id`, `seat_id`),
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seat_id`) REFERENCES `seats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reseller_quota_seats_reseller_idx` ON `reseller_quota_seats` (`reseller_id`,`performance_id`);--> statement-breakpoint
CREATE TABLE `reseller_quotas` (
	`reseller_id` text NOT NULL,
	`performance_id` text NOT NULL,
	`places` integer DEFAULT 0 NOT NULL,
	`taken` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`reseller_id`, `performance_id`),
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reseller_quotas_within_places" CHECK("reseller_quotas"."taken" >= 0 AND "reseller_quotas"."taken" <= "reseller_quotas"."places")
);
--> statement-breakpoint
CREATE TABLE `resellers` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`commission_bps` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "resellers_commission_range" CHECK("resellers"."commission_bps" >= 0 AND "resellers"."commission_bps" <= 10000)
);
--> statement-breakpoint
CREATE INDEX `resellers_shop_idx` ON `resellers` (`shop_id`);--> statement-breakpoint
ALTER TABLE `shop_tokens` ADD `reseller_id` text;--> statement-breakpoint
ALTER TABLE `holds` ADD `reseller_id` text;
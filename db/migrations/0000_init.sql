CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`venue_id` text NOT NULL,
	`title` text NOT NULL,
	`subtitle` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`image_url` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_shop_idx` ON `events` (`shop_id`);--> statement-breakpoint
CREATE TABLE `performances` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`event_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`doors_at` integer,
	`plan_id` text,
	`capacity` integer,
	`sales_start_at` integer,
	`sales_end_at` integer,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`inventory_version` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `seating_plans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "performances_seated_or_ga" CHECK(("performances"."plan_id" IS NULL) <> ("performances"."capacity" IS NULL)),
	CONSTRAINT "performances_capacity_positive" CHECK("performances"."capacity" IS NULL OR "performances"."capacity" > 0)
);
--> statement-breakpoint
CREATE INDEX `performances_event_idx` ON `performances` (`event_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `performances_shop_idx` ON `performances` (`shop_id`);--> statement-breakpoint
CREATE TABLE `price_zones` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`color` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `seating_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_zones_plan_code_uq` ON `price_zones` (`plan_id`,`code`);--> statement-breakpoint
CREATE TABLE `seating_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`venue_id` text NOT NULL,
	`name` text NOT NULL,
	`width` real NOT NULL,
	`height` real NOT NULL,
	`seat_count` integer NOT NULL,
	`geometry_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `seating_plans_venue_idx` ON `seating_plans` (`venue_id`);--> statement-breakpoint
CREATE TABLE `seats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`section_id` text NOT NULL,
	`zone_id` text NOT NULL,
	`row` text NOT NULL,
	`number` text NOT NULL,
	`x` real NOT NULL,
	`y` real NOT NULL,
	`flags` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `seating_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zone_id`) REFERENCES `price_zones`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seats_plan_place_uq` ON `seats` (`plan_id`,`section_id`,`row`,`number`);--> statement-breakpoint
CREATE INDEX `seats_plan_idx` ON `seats` (`plan_id`);--> statement-breakpoint
CREATE TABLE `sections` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `seating_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sections_plan_code_uq` ON `sections` (`plan_id`,`code`);--> statement-breakpoint
CREATE TABLE `shop_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_tokens_hash_uq` ON `shop_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `shop_tokens_shop_idx` ON `shop_tokens` (`shop_id`);--> statement-breakpoint
CREATE TABLE `shops` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`locales` text NOT NULL,
	`default_locale` text NOT NULL,
	`time_zone` text NOT NULL,
	`test_mode` integer NOT NULL,
	`allowed_origins` text NOT NULL,
	`hold_minutes` integer DEFAULT 10 NOT NULL,
	`hold_max_minutes` integer DEFAULT 30 NOT NULL,
	`max_tickets_per_order` integer DEFAULT 10 NOT NULL,
	`service_fee_per_ticket` integer DEFAULT 0 NOT NULL,
	`signing_public_key` text NOT NULL,
	`signing_private_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tariffs` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`event_id` text NOT NULL,
	`zone_id` text,
	`name` text NOT NULL,
	`price` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zone_id`) REFERENCES `price_zones`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tariffs_price_not_negative" CHECK("tariffs"."price" >= 0)
);
--> statement-breakpoint
CREATE INDEX `tariffs_event_idx` ON `tariffs` (`event_id`);--> statement-breakpoint
CREATE TABLE `venues` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `venues_shop_idx` ON `venues` (`shop_id`);--> statement-breakpoint
CREATE TABLE `batch_guard` (
	`name` text NOT NULL,
	`ok` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ga_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`performance_id` text NOT NULL,
	`hold_id` text NOT NULL,
	`tariff_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`state` text NOT NULL,
	`order_id` text,
	`expires_at` integer,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_id`) REFERENCES `tariffs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ga_claims_quantity_positive" CHECK("ga_claims"."quantity" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ga_claims_hold_tariff_uq` ON `ga_claims` (`hold_id`,`tariff_id`);--> statement-breakpoint
CREATE INDEX `ga_claims_expiry_idx` ON `ga_claims` (`performance_id`,`state`,`expires_at`);--> statement-breakpoint
CREATE TABLE `ga_inventory` (
	`performance_id` text PRIMARY KEY NOT NULL,
	`capacity` integer NOT NULL,
	`taken` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ga_inventory_within_capacity" CHECK("ga_inventory"."taken" >= 0 AND "ga_inventory"."taken" <= "ga_inventory"."capacity")
);
--> statement-breakpoint
CREATE TABLE `holds` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`performance_id` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`max_expires_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `holds_sweep_idx` ON `holds` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `seat_claims` (
	`performance_id` text NOT NULL,
	`seat_id` integer NOT NULL,
	`state` text NOT NULL,
	`hold_id` text,
	`order_id` text,
	`tariff_id` text,
	`expires_at` integer,
	PRIMARY KEY(`performance_id`, `seat_id`),
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seat_id`) REFERENCES `seats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_id`) REFERENCES `tariffs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "seat_claims_held_has_expiry" CHECK("seat_claims"."state" <> 'held' OR ("seat_claims"."expires_at" IS NOT NULL AND "seat_claims"."hold_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `seat_claims_hold_idx` ON `seat_claims` (`hold_id`);--> statement-breakpoint
CREATE INDEX `seat_claims_expiry_idx` ON `seat_claims` (`performance_id`,`state`,`expires_at`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`number` text NOT NULL,
	`secret` text NOT NULL,
	`hold_id` text NOT NULL,
	`performance_id` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`subtotal` integer NOT NULL,
	`fees` integer NOT NULL,
	`total` integer NOT NULL,
	`lines` text NOT NULL,
	`buyer_name` text NOT NULL,
	`buyer_email` text NOT NULL,
	`buyer_language` text NOT NULL,
	`payment_method` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`paid_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hold_id`) REFERENCES `holds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "orders_total_not_negative" CHECK("orders"."total" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_number_uq` ON `orders` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_hold_uq` ON `orders` (`hold_id`);--> statement-breakpoint
CREATE INDEX `orders_shop_created_idx` ON `orders` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_shop_email_idx` ON `orders` (`shop_id`,`buyer_email`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text NOT NULL,
	`provider` text NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`provider_reference` text,
	`decline_code` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_order_idx` ON `payments` (`order_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text NOT NULL,
	`performance_id` text NOT NULL,
	`number` text NOT NULL,
	`seat_id` integer,
	`seat_label` text,
	`tariff_id` text NOT NULL,
	`tariff_name` text NOT NULL,
	`price` integer NOT NULL,
	`qr_payload` text NOT NULL,
	`status` text NOT NULL,
	`admitted_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seat_id`) REFERENCES `seats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_id`) REFERENCES `tariffs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_number_uq` ON `tickets` (`number`);--> statement-breakpoint
CREATE INDEX `tickets_order_idx` ON `tickets` (`order_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`state` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);

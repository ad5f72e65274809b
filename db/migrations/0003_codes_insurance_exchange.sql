CREATE TABLE `cancelled_tickets` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`cancellation_id` text NOT NULL,
	`order_id` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancellation_id`) REFERENCES `order_cancellations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cancelled_tickets_cancellation_idx` ON `cancelled_tickets` (`cancellation_id`);--> statement-breakpoint
CREATE TABLE `ticket_exchanges` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text NOT NULL,
	`old_ticket_id` text NOT NULL,
	`new_ticket_id` text NOT NULL,
	`from_performance_id` text NOT NULL,
	`to_performance_id` text NOT NULL,
	`price_difference` integer NOT NULL,
	`fee` integer NOT NULL,
	`amount_charged` integer NOT NULL,
	`refund_due` integer DEFAULT 0 NOT NULL,
	`payment_method` text,
	`actor` text NOT NULL,
	`actor_token_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`old_ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`new_ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ticket_exchanges_amounts_valid" CHECK("ticket_exchanges"."fee" >= 0 AND "ticket_exchanges"."amount_charged" >= 0 AND "ticket_exchanges"."refund_due" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_exchanges_old_ticket_uq` ON `ticket_exchanges` (`old_ticket_id`);--> statement-breakpoint
CREATE INDEX `ticket_exchanges_order_idx` ON `ticket_exchanges` (`order_id`);--> statement-breakpoint
CREATE TABLE `access_passes` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`product_id` text NOT NULL,
	`code` text NOT NULL,
	`holder_name` text NOT NULL,
	`holder_email` text,
	`status` text DEFAULT 'active' NOT NULL,
	`product_order_id` text,
	`valid_until` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `pass_products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_passes_product_idx` ON `access_passes` (`product_id`);--> statement-breakpoint
CREATE INDEX `access_passes_shop_idx` ON `access_passes` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `code_uses` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`hold_id` text NOT NULL,
	`order_id` text,
	`performance_id` text NOT NULL,
	`state` text NOT NULL,
	`tickets` integer DEFAULT 0 NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hold_id`) REFERENCES `holds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performance_id`) REFERENCES `performances`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "code_uses_amounts_not_negative" CHECK("code_uses"."tickets" >= 0 AND "code_uses"."amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `code_uses_hold_ref_uq` ON `code_uses` (`hold_id`,`ref_id`);--> statement-breakpoint
CREATE INDEX `code_uses_ref_idx` ON `code_uses` (`ref_id`,`state`);--> statement-breakpoint
CREATE INDEX `code_uses_order_idx` ON `code_uses` (`order_id`);--> statement-breakpoint
CREATE TABLE `codes` (
	`shop_id` text NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	PRIMARY KEY(`shop_id`, `code`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `codes_ref_uq` ON `codes` (`ref_id`);--> statement-breakpoint
CREATE TABLE `gift_vouchers` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`code` text NOT NULL,
	`initial_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`expires_at` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`source` text NOT NULL,
	`product_order_id` text,
	`refund_of_order_id` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "gift_vouchers_amount_positive" CHECK("gift_vouchers"."initial_amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `gift_vouchers_shop_idx` ON `gift_vouchers` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `pass_products` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`price` integer NOT NULL,
	`event_ids` text DEFAULT '[]' NOT NULL,
	`performance_ids` text DEFAULT '[]' NOT NULL,
	`zone_ids` text DEFAULT '[]' NOT NULL,
	`max_performances` integer,
	`seats_per_performance` integer DEFAULT 1 NOT NULL,
	`valid_until` integer,
	`on_sale` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pass_products_price_not_negative" CHECK("pass_products"."price" >= 0),
	CONSTRAINT "pass_products_limits_positive" CHECK(("pass_products"."max_performances" IS NULL OR "pass_products"."max_performances" >= 1) AND "pass_products"."seats_per_performance" >= 1)
);
--> statement-breakpoint
CREATE INDEX `pass_products_shop_idx` ON `pass_products` (`shop_id`);--> statement-breakpoint
CREATE TABLE `product_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`number` text NOT NULL,
	`secret` text NOT NULL,
	`kind` text NOT NULL,
	`pass_product_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`buyer_name` text NOT NULL,
	`buyer_email` text NOT NULL,
	`buyer_language` text NOT NULL,
	`recipient_name` text,
	`payment_method` text NOT NULL,
	`provider_reference` text,
	`created_at` integer NOT NULL,
	`paid_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pass_product_id`) REFERENCES `pass_products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "product_orders_amount_not_negative" CHECK("product_orders"."amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_orders_number_uq` ON `product_orders` (`number`);--> statement-breakpoint
CREATE INDEX `product_orders_shop_idx` ON `product_orders` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `promo_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`discount_type` text NOT NULL,
	`discount_value` integer DEFAULT 0 NOT NULL,
	`per` text DEFAULT 'ticket' NOT NULL,
	`event_ids` text DEFAULT '[]' NOT NULL,
	`performance_ids` text DEFAULT '[]' NOT NULL,
	`zone_ids` text DEFAULT '[]' NOT NULL,
	`tariff_ids` text DEFAULT '[]' NOT NULL,
	`unlock_tariff_ids` text DEFAULT '[]' NOT NULL,
	`valid_from` integer,
	`valid_until` integer,
	`max_uses` integer,
	`max_tickets_per_order` integer,
	`min_tickets` integer DEFAULT 1 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "promo_codes_discount_valid" CHECK("promo_codes"."discount_value" >= 0 AND ("promo_codes"."discount_type" <> 'percent' OR "promo_codes"."discount_value" BETWEEN 1 AND 100)),
	CONSTRAINT "promo_codes_limits_positive" CHECK(("promo_codes"."max_uses" IS NULL OR "promo_codes"."max_uses" >= 1) AND ("promo_codes"."max_tickets_per_order" IS NULL OR "promo_codes"."max_tickets_per_order" >= 1) AND "promo_codes"."min_tickets" >= 1)
);
--> statement-breakpoint
CREATE INDEX `promo_codes_shop_idx` ON `promo_codes` (`shop_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `events` ADD `exchange_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `exchange_deadline_hours` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `exchange_fee` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `exchange_refunds_difference` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `insurance_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `insurance_rate_basis_points` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `insurance_minimum_premium` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `insurer_name` text;--> statement-breakpoint
ALTER TABLE `shops` ADD `insurer_terms_url` text;--> statement-breakpoint
ALTER TABLE `shops` ADD `insurer_contact` text;--> statement-breakpoint
ALTER TABLE `shops` ADD `voucher_sale_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `voucher_amounts` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `voucher_min_amount` integer;--> statement-breakpoint
ALTER TABLE `shops` ADD `voucher_max_amount` integer;--> statement-breakpoint
ALTER TABLE `shops` ADD `voucher_validity_days` integer DEFAULT 730 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `commission_per_ticket` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `commission_basis_points` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `hidden` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `order_cancellations` ADD `refund_reference` text;--> statement-breakpoint
ALTER TABLE `order_cancellations` ADD `refund_voucher_id` text;--> statement-breakpoint
ALTER TABLE `order_cancellations` ADD `ticket_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `order_cancellations_order_idx` ON `order_cancellations` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_cancellations_shop_idx` ON `order_cancellations` (`shop_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `orders` ADD `discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `insurance` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `insured` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `paid_by_vouchers` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `codes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `kind` text DEFAULT 'charge' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `exchange_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `cancellation_id` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `insurance_premium` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `pass_id` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `commission` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `replaces_ticket_id` text;--> statement-breakpoint
CREATE INDEX `tickets_insured_idx` ON `tickets` (`shop_id`,`created_at`) WHERE "tickets"."insurance_premium" > 0;
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`account` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stripe_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text,
	`product_order_id` text,
	`account` text,
	`livemode` integer NOT NULL,
	`hold_id` text,
	`hold_version` integer,
	`insured` integer DEFAULT false NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`application_fee` integer DEFAULT 0 NOT NULL,
	`client_secret` text NOT NULL,
	`state` text NOT NULL,
	`lease_until` integer,
	`capture` text DEFAULT 'none' NOT NULL,
	`return_reason` text,
	`refunded` integer,
	`amount_refunded` integer DEFAULT 0 NOT NULL,
	`disputed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_order_id`) REFERENCES `product_orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stripe_payments_one_order" CHECK(("stripe_payments"."order_id" IS NULL) <> ("stripe_payments"."product_order_id" IS NULL)),
	CONSTRAINT "stripe_payments_amount_positive" CHECK("stripe_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `stripe_payments_order_idx` ON `stripe_payments` (`order_id`);--> statement-breakpoint
CREATE INDEX `stripe_payments_product_order_idx` ON `stripe_payments` (`product_order_id`);--> statement-breakpoint
CREATE INDEX `stripe_payments_state_idx` ON `stripe_payments` (`state`,`capture`,`updated_at`);--> statement-breakpoint
ALTER TABLE `shops` ADD `stripe_account` text;
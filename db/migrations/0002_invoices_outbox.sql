CREATE TABLE `invoice_reminders` (
	`order_id` text NOT NULL,
	`number` integer NOT NULL,
	`due_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`order_id`, `number`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invoice_reminders_number_positive" CHECK("invoice_reminders"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE `order_cancellations` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text NOT NULL,
	`scope` text NOT NULL,
	`reason` text NOT NULL,
	`refund_method` text NOT NULL,
	`refund_amount` integer DEFAULT 0 NOT NULL,
	`actor` text NOT NULL,
	`actor_token_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_cancellations_refund_not_negative" CHECK("order_cancellations"."refund_amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_cancellations_whole_order_uq` ON `order_cancellations` (`order_id`) WHERE "order_cancellations"."scope" = 'order';--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`recipient` text NOT NULL,
	`recipient_name` text NOT NULL,
	`language` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_token` text,
	`last_error` text,
	`transport` text,
	`provider_message_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_messages_dedupe_uq` ON `outbox_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_messages_due_idx` ON `outbox_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_messages_order_idx` ON `outbox_messages` (`order_id`);--> statement-breakpoint
CREATE INDEX `outbox_messages_shop_created_idx` ON `outbox_messages` (`shop_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `events` ADD `pre_event_message_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `pre_event_message_text` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `pre_event_days_before` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `pre_event_send_hour` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `invoice_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `invoice_reminder_interval_days` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `invoice_reminder_count` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `invoice_cutoff_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `invoice_send_hour` integer DEFAULT 9 NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `invoice_creditor` text;--> statement-breakpoint
ALTER TABLE `shops` ADD `sender_email` text;--> statement-breakpoint
ALTER TABLE `shops` ADD `sender_name` text;--> statement-breakpoint
ALTER TABLE `shops` ADD `order_page_url` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `invoice` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `invoice_reminders_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `invoice_due_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `pre_event_queued_at` integer;--> statement-breakpoint
CREATE INDEX `orders_invoice_due_idx` ON `orders` (`status`,`invoice_due_at`);--> statement-breakpoint
CREATE INDEX `orders_performance_idx` ON `orders` (`performance_id`,`status`,`pre_event_queued_at`);--> statement-breakpoint
CREATE INDEX `performances_starts_idx` ON `performances` (`starts_at`);
ALTER TABLE `orders` ADD `channel` text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `sold_by` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `reseller_id` text;--> statement-breakpoint
CREATE INDEX `orders_reseller_idx` ON `orders` (`reseller_id`,`performance_id`) WHERE "orders"."reseller_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `external_code` text;--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_external_code_uq` ON `tickets` (`shop_id`,`external_code`) WHERE "tickets"."external_code" IS NOT NULL;
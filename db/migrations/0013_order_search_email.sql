DROP INDEX `orders_shop_email_idx`;--> statement-breakpoint
CREATE INDEX `orders_shop_email_lower_idx` ON `orders` (`shop_id`,lower("buyer_email"));
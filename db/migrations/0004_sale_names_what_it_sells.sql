ALTER TABLE `holds` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `ga_claims_order_idx` ON `ga_claims` (`order_id`) WHERE "ga_claims"."order_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `seat_claims_order_idx` ON `seat_claims` (`order_id`) WHERE "seat_claims"."order_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_valid_seat_uq` ON `tickets` (`performance_id`,`seat_id`) WHERE "tickets"."status" = 'valid' AND "tickets"."seat_id" IS NOT NULL;
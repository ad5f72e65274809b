CREATE TABLE `event_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`event_id` text NOT NULL,
	`position` integer NOT NULL,
	`scope` text NOT NULL,
	`kind` text NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`label` text NOT NULL,
	`help` text DEFAULT '{}' NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`consent_url` text,
	`tariff_ids` text DEFAULT '[]' NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "event_questions_kind_valid" CHECK("event_questions"."kind" IN ('attendee_name', 'email', 'phone', 'date_of_birth', 'choice', 'choices', 'yes_no', 'text', 'consent')),
	CONSTRAINT "event_questions_scope_valid" CHECK("event_questions"."scope" IN ('order', 'ticket')),
	CONSTRAINT "event_questions_consent_required" CHECK("event_questions"."kind" <> 'consent' OR ("event_questions"."required" = 1 AND "event_questions"."consent_url" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `event_questions_event_idx` ON `event_questions` (`event_id`,`position`);--> statement-breakpoint
CREATE TABLE `order_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text NOT NULL,
	`question_id` text NOT NULL,
	`slot` text NOT NULL,
	`ticket_id` text,
	`value` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `event_questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_answers_order_slot_question_uq` ON `order_answers` (`order_id`,`slot`,`question_id`);--> statement-breakpoint
CREATE INDEX `order_answers_question_idx` ON `order_answers` (`question_id`);--> statement-breakpoint
CREATE INDEX `order_answers_ticket_idx` ON `order_answers` (`ticket_id`) WHERE "order_answers"."ticket_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `personal_data_erasures` (
	`order_id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`erasure_id` text NOT NULL,
	`erased_at` integer NOT NULL,
	`erased_by` text NOT NULL,
	`answers_deleted` integer NOT NULL,
	`messages_scrubbed` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `personal_data_erased_at` integer;
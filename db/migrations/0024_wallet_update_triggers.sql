-- Wallet passes that follow their ticket. A pass's serial is the id of the first ticket of its
-- exchange chain: a ticket an exchange inserts takes its predecessor's serial (wallet_serial).
-- Every change of a ticket's status or seat moves its pass's changed_at (the web service's
-- Last-Modified, at least one second later than before: HTTP dates have seconds) and queues one
-- update per registered Apple device and one for a Google object whose link was handed out,
-- unless one is already pending for that target (changes before the push are told by one push:
-- the phone fetches the latest pass). In the batch of the change, whatever service made it.
-- No CASE … END and no WITH inside a trigger (remote D1 splits a trigger at its first END; SQLite
-- has no CTE in triggers).
WITH RECURSIVE chain(id, serial) AS (
  SELECT `id`, `id` FROM `tickets` WHERE `replaces_ticket_id` IS NULL
  UNION ALL
  SELECT t.`id`, chain.serial FROM `tickets` t JOIN chain ON t.`replaces_ticket_id` = chain.id
)
UPDATE `tickets` SET `wallet_serial` = (SELECT chain.serial FROM chain WHERE chain.id = `tickets`.`id`) WHERE `replaces_ticket_id` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `tickets_wallet_serial_insert` AFTER INSERT ON `tickets` WHEN NEW.`replaces_ticket_id` IS NOT NULL
BEGIN
  UPDATE `tickets` SET `wallet_serial` = (SELECT coalesce(p.`wallet_serial`, p.`id`) FROM `tickets` p WHERE p.`id` = NEW.`replaces_ticket_id`) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_wallet_update` AFTER UPDATE OF `status`, `seat_id`, `seat_label` ON `tickets`
WHEN NEW.`status` IS NOT OLD.`status` OR NEW.`seat_id` IS NOT OLD.`seat_id` OR NEW.`seat_label` IS NOT OLD.`seat_label`
BEGIN
  UPDATE `wallet_passes`
    SET `changed_at` = max(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), (`changed_at` / 1000 + 1) * 1000)
    WHERE `serial` = coalesce(NEW.`wallet_serial`, NEW.`id`);
  INSERT INTO `wallet_updates` (`wallet`, `serial`, `device_library_id`, `status`, `attempts`, `next_attempt_at`, `created_at`)
    SELECT 'apple', r.`serial`, r.`device_library_id`, 'pending', 0, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM `wallet_device_registrations` r
    WHERE r.`serial` = coalesce(NEW.`wallet_serial`, NEW.`id`)
      AND NOT EXISTS (SELECT 1 FROM `wallet_updates` u WHERE u.`status` = 'pending' AND u.`wallet` = 'apple' AND u.`serial` = r.`serial` AND u.`device_library_id` = r.`device_library_id`);
  INSERT INTO `wallet_updates` (`wallet`, `serial`, `device_library_id`, `status`, `attempts`, `next_attempt_at`, `created_at`)
    SELECT 'google', p.`serial`, '', 'pending', 0, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM `wallet_passes` p
    WHERE p.`serial` = coalesce(NEW.`wallet_serial`, NEW.`id`) AND p.`google_linked_at` IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `wallet_updates` u WHERE u.`status` = 'pending' AND u.`wallet` = 'google' AND u.`serial` = p.`serial`);
END;

-- tickets.door_version: the scanners' delta lists. Every insert of a ticket and every change of
-- its status, admission or seat takes the next value of a one-row counter, so issuing,
-- cancelling, exchanging and admitting move a ticket into the next delta without any service
-- knowing. The counter row is (re)created by the triggers themselves (INSERT OR IGNORE), so a
-- database emptied table by table keeps counting. No CASE … END here: remote D1 splits a
-- trigger at its first END (see 0001).
INSERT OR IGNORE INTO `door_version_counter` (`id`, `value`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `tickets_door_version_insert` AFTER INSERT ON `tickets`
BEGIN
  INSERT OR IGNORE INTO `door_version_counter` (`id`, `value`) VALUES (1, 0);
  UPDATE `door_version_counter` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `tickets` SET `door_version` = (SELECT `value` FROM `door_version_counter` WHERE `id` = 1) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_door_version_update` AFTER UPDATE OF `status`, `admitted_at`, `seat_id`, `seat_label` ON `tickets`
BEGIN
  INSERT OR IGNORE INTO `door_version_counter` (`id`, `value`) VALUES (1, 0);
  UPDATE `door_version_counter` SET `value` = `value` + 1 WHERE `id` = 1;
  UPDATE `tickets` SET `door_version` = (SELECT `value` FROM `door_version_counter` WHERE `id` = 1) WHERE `id` = NEW.`id`;
END;

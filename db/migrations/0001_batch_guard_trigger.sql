-- A batch asserts a condition by inserting (name, ok) into batch_guard: ok = 0 aborts the
-- whole batch with the message 'batch_guard', ok = 1 is dropped so the table stays empty.
-- iif, not CASE … END: remote D1 splits a migration at the first END after BEGIN, so an inner
-- END cuts the trigger short ("incomplete input"); iif evaluates only the branch it takes.
CREATE TRIGGER `batch_guard_assert` BEFORE INSERT ON `batch_guard`
BEGIN
  SELECT iif(NEW.ok, RAISE(IGNORE), RAISE(ABORT, 'batch_guard'));
END;

-- A batch asserts a condition by inserting (name, ok) into batch_guard: ok = 0 aborts the
-- whole batch with the message 'batch_guard', ok = 1 is dropped so the table stays empty.
CREATE TRIGGER `batch_guard_assert` BEFORE INSERT ON `batch_guard`
BEGIN
  SELECT CASE WHEN NEW.ok THEN RAISE(IGNORE) ELSE RAISE(ABORT, 'batch_guard') END;
END;

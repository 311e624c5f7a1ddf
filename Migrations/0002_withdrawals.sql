-- decreg register schema, version 2: withdrawals.
-- Nothing recorded is ever deleted. A decision or payment entered in error is marked withdrawn, with the
-- reason, and the audit trail records who withdrew it and when. Withdrawn payments count for nothing in totals
-- and reconciliation; withdrawn decisions are left out of them.
ALTER TABLE decision ADD COLUMN withdrawn_reason TEXT CHECK (withdrawn_reason IS NULL OR withdrawn_reason <> '');
ALTER TABLE payment ADD COLUMN withdrawn_reason TEXT CHECK (withdrawn_reason IS NULL OR withdrawn_reason <> '');

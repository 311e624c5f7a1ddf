-- decreg register schema, version 4: every recorded item can be withdrawn, none erased.
-- A handling step, a year's funding, a signatory or an attachment entered in error is marked withdrawn with the
-- reason, as decisions and payments are since version 2. It stays in the register and shows as withdrawn
-- ("makulerad"); it counts for nothing: a withdrawn step gives no status and no adopted amount, a withdrawn
-- year commits nothing. The attachment's bytes stay. The audit trail records who withdrew it, when and why.
ALTER TABLE step ADD COLUMN withdrawn_reason TEXT CHECK (withdrawn_reason IS NULL OR withdrawn_reason <> '');
ALTER TABLE funding ADD COLUMN withdrawn_reason TEXT CHECK (withdrawn_reason IS NULL OR withdrawn_reason <> '');
ALTER TABLE signatory ADD COLUMN withdrawn_reason TEXT CHECK (withdrawn_reason IS NULL OR withdrawn_reason <> '');
ALTER TABLE attachment ADD COLUMN withdrawn_reason TEXT CHECK (withdrawn_reason IS NULL OR withdrawn_reason <> '');
-- Organisation numbers are looked up when a party is added or corrected: one party per number.
CREATE INDEX party_by_org_number ON party(org_number) WHERE org_number IS NOT NULL;

-- A ledger row for the debt paid by credits a void or an expired hold gives back (docs/wallets.md):
-- the settle records it on its USAGE row; a release had no row to record it on.
ALTER TYPE "CreditTransactionType" ADD VALUE 'DEBT_PAYMENT';

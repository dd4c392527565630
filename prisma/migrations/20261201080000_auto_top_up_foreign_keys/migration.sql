-- The auto top-up tables belong to their wallet like every other wallet-owned table: deleting a wallet
-- (its user or organization) takes its customer, saved method, rule and attempts with it, and no row can
-- name a wallet that does not exist.

-- A row whose wallet is gone could never be used again; without this the constraints below would refuse
-- to be added on a database that has one.
DELETE FROM "PaymentCustomer" c WHERE NOT EXISTS (SELECT 1 FROM "Wallet" w WHERE w.id = c."walletId");
DELETE FROM "SavedPaymentMethod" m WHERE NOT EXISTS (SELECT 1 FROM "Wallet" w WHERE w.id = m."walletId");
DELETE FROM "AutoTopUpRule" r WHERE NOT EXISTS (SELECT 1 FROM "Wallet" w WHERE w.id = r."walletId");
DELETE FROM "AutoTopUpAttempt" a WHERE NOT EXISTS (SELECT 1 FROM "Wallet" w WHERE w.id = a."walletId");
-- An attempt keeps its history when its order is gone, as ledger rows do.
UPDATE "AutoTopUpAttempt" a SET "orderId" = NULL
WHERE a."orderId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o.id = a."orderId");

-- AddForeignKey
ALTER TABLE "PaymentCustomer" ADD CONSTRAINT "PaymentCustomer_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedPaymentMethod" ADD CONSTRAINT "SavedPaymentMethod_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutoTopUpRule" ADD CONSTRAINT "AutoTopUpRule_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutoTopUpAttempt" ADD CONSTRAINT "AutoTopUpAttempt_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutoTopUpAttempt" ADD CONSTRAINT "AutoTopUpAttempt_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

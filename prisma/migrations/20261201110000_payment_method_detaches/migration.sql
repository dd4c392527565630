-- A saved method the service has forgotten (a deleted organization, a replaced card) but the provider may
-- still hold: written in the transaction that forgets it, deleted once the provider detached it, retried on a
-- backoff until then (docs/operations.md, "Cards owed a detach"). One row per method at most. The wallet is
-- kept for the log only: wallets of deleted organizations stay, but a deleted user's wallet goes, and the
-- card is still owed its detach then.
CREATE TABLE "PaymentMethodDetach" (
    "id" UUID NOT NULL,
    "provider" "PaymentProvider" NOT NULL,
    "paymentMethodId" TEXT NOT NULL,
    "walletId" UUID,
    "reason" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastFailure" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentMethodDetach_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentMethodDetach_provider_paymentMethodId_key" ON "PaymentMethodDetach"("provider", "paymentMethodId");

-- CreateIndex
CREATE INDEX "PaymentMethodDetach_nextAttemptAt_idx" ON "PaymentMethodDetach"("nextAttemptAt");

-- AddForeignKey
ALTER TABLE "PaymentMethodDetach" ADD CONSTRAINT "PaymentMethodDetach_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

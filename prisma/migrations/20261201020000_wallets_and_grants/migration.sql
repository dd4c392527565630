-- Wallets and credit grants. The credit counters move from "User" to a personal "Wallet" per user, and
-- every credit lives in a grant (lot). Runs in the one transaction the migration runner gives each
-- migration: either every user has moved, or nothing has.

-- New ledger types. (Added values cannot be used in this same transaction; the data below does not.)
ALTER TYPE "CreditTransactionType" ADD VALUE 'EXPIRATION';
ALTER TYPE "CreditTransactionType" ADD VALUE 'TRANSFER_IN';
ALTER TYPE "CreditTransactionType" ADD VALUE 'TRANSFER_OUT';
ALTER TYPE "CreditTransactionType" ADD VALUE 'USAGE_REVERSAL';

-- CreateEnum
CREATE TYPE "WalletOwnerType" AS ENUM ('USER', 'ORGANIZATION');

-- CreateEnum
CREATE TYPE "CreditGrantSource" AS ENUM ('PURCHASE', 'AUTO_TOP_UP', 'ADMIN_GRANT', 'SIGNUP_BONUS', 'TRANSFER', 'DISPUTE_RESTORE', 'MIGRATION');

-- CreateEnum
CREATE TYPE "CreditCategory" AS ENUM ('PAID', 'PROMOTIONAL');

-- CreateEnum
CREATE TYPE "CreditGrantStatus" AS ENUM ('ACTIVE', 'DEPLETED', 'EXPIRED', 'VOIDED');

-- CreateTable
CREATE TABLE "Wallet" (
    "id" UUID NOT NULL,
    "ownerType" "WalletOwnerType" NOT NULL,
    "userId" UUID,
    "organizationId" UUID,
    "creditsTotal" INTEGER NOT NULL DEFAULT 0,
    "creditsUsed" INTEGER NOT NULL DEFAULT 0,
    "creditsReserved" INTEGER NOT NULL DEFAULT 0,
    "debt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Wallet_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Wallet_debt_check" CHECK ("debt" >= 0),
    CONSTRAINT "Wallet_counters_check" CHECK ("creditsUsed" >= 0 AND "creditsReserved" >= 0),
    CONSTRAINT "Wallet_owner_check" CHECK (
        ("ownerType" = 'USER' AND "userId" IS NOT NULL AND "organizationId" IS NULL)
        OR ("ownerType" = 'ORGANIZATION' AND "organizationId" IS NOT NULL AND "userId" IS NULL))
);

-- CreateTable
CREATE TABLE "CreditGrant" (
    "id" UUID NOT NULL,
    "walletId" UUID NOT NULL,
    "source" "CreditGrantSource" NOT NULL,
    "category" "CreditCategory" NOT NULL,
    "amount" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "held" INTEGER NOT NULL DEFAULT 0,
    "priority" INTEGER NOT NULL DEFAULT 50,
    "expiresAt" TIMESTAMPTZ(3),
    "orderId" UUID,
    "status" "CreditGrantStatus" NOT NULL DEFAULT 'ACTIVE',
    "reference" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditGrant_pkey" PRIMARY KEY ("id"),
    -- The last line of defence against overdraft: a hold can never take what a grant does not have.
    CONSTRAINT "CreditGrant_held_check" CHECK ("held" >= 0 AND "held" <= "remaining"),
    CONSTRAINT "CreditGrant_remaining_check" CHECK ("remaining" >= 0),
    CONSTRAINT "CreditGrant_amount_check" CHECK ("amount" >= 0),
    CONSTRAINT "CreditGrant_priority_check" CHECK ("priority" BETWEEN 0 AND 100)
);

-- CreateTable
CREATE TABLE "GrantAllocation" (
    "transactionId" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "walletId" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantAllocation_pkey" PRIMARY KEY ("transactionId","grantId")
);

-- CreateTable
CREATE TABLE "ReservationAllocation" (
    "reservationId" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "walletId" UUID NOT NULL,
    "amount" INTEGER NOT NULL,

    CONSTRAINT "ReservationAllocation_pkey" PRIMARY KEY ("reservationId","grantId"),
    CONSTRAINT "ReservationAllocation_amount_check" CHECK ("amount" > 0)
);

-- AlterTable: the ledger, orders and holds belong to a wallet.
ALTER TABLE "CreditTransaction" ADD COLUMN "walletId" UUID,
ADD COLUMN "actorUserId" UUID,
ADD COLUMN "apiKeyId" UUID,
ADD COLUMN "debtPaid" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "debtAdded" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "userId" DROP NOT NULL;
ALTER TABLE "Order" ADD COLUMN "walletId" UUID;
ALTER TABLE "Reservation" ADD COLUMN "walletId" UUID;

-- Data: one personal wallet per user with the user's counters. A user whose holds exceed what the
-- ledger leaves (creditsReserved > creditsTotal - creditsUsed: a clawback met credits in flight) keeps
-- those holds in the migration grant, and the difference becomes debt.
INSERT INTO "Wallet" ("id", "ownerType", "userId", "creditsTotal", "creditsUsed", "creditsReserved", "debt", "createdAt", "updatedAt")
SELECT gen_random_uuid(), 'USER', u."id", u."creditsTotal", u."creditsUsed", u."creditsReserved",
       GREATEST(u."creditsTotal" - u."creditsUsed", u."creditsReserved") - (u."creditsTotal" - u."creditsUsed"),
       u."createdAt", now()
FROM "User" u;

-- One PAID grant per wallet carrying everything the user had: remaining = max(total - used, reserved),
-- held = reserved. (A user with nothing left gets a DEPLETED one, so every wallet's history starts the same.)
INSERT INTO "CreditGrant" ("id", "walletId", "source", "category", "amount", "remaining", "held", "priority", "status", "reference", "createdAt")
SELECT gen_random_uuid(), w."id", 'MIGRATION', 'PAID',
       GREATEST(w."creditsTotal" - w."creditsUsed", w."creditsReserved"),
       GREATEST(w."creditsTotal" - w."creditsUsed", w."creditsReserved"),
       w."creditsReserved", 50,
       CASE WHEN GREATEST(w."creditsTotal" - w."creditsUsed", w."creditsReserved") > 0 THEN 'ACTIVE' ELSE 'DEPLETED' END::"CreditGrantStatus",
       'migration', w."createdAt"
FROM "Wallet" w;

UPDATE "CreditTransaction" t SET "walletId" = w."id" FROM "Wallet" w WHERE w."userId" = t."userId";
UPDATE "Order" o SET "walletId" = w."id" FROM "Wallet" w WHERE w."userId" = o."userId";
UPDATE "Reservation" r SET "walletId" = w."id" FROM "Wallet" w WHERE w."userId" = r."userId";

-- Every pending hold keeps its credits in the migration grant, so its settle or void finds them there.
INSERT INTO "ReservationAllocation" ("reservationId", "grantId", "walletId", "amount")
SELECT r."id", g."id", r."walletId", r."amount"
FROM "Reservation" r JOIN "CreditGrant" g ON g."walletId" = r."walletId" AND g."reference" = 'migration'
WHERE r."status" = 'PENDING' AND r."amount" > 0;

ALTER TABLE "CreditTransaction" ALTER COLUMN "walletId" SET NOT NULL;
ALTER TABLE "Order" ALTER COLUMN "walletId" SET NOT NULL;
ALTER TABLE "Reservation" ALTER COLUMN "walletId" SET NOT NULL;

-- The counters now live on the wallet only.
ALTER TABLE "User" DROP COLUMN "creditsTotal",
DROP COLUMN "creditsUsed",
DROP COLUMN "creditsReserved";

-- Ledger references are unique per wallet (every credit-path key names its wallet).
DROP INDEX "CreditTransaction_reference_key";
DROP INDEX "CreditTransaction_userId_createdAt_id_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Wallet_userId_key" ON "Wallet"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Wallet_organizationId_key" ON "Wallet"("organizationId");

-- CreateIndex
CREATE INDEX "CreditGrant_walletId_status_idx" ON "CreditGrant"("walletId", "status");

-- CreateIndex
CREATE INDEX "CreditGrant_status_expiresAt_idx" ON "CreditGrant"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "CreditGrant_orderId_idx" ON "CreditGrant"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditGrant_walletId_reference_key" ON "CreditGrant"("walletId", "reference");

-- CreateIndex
CREATE INDEX "GrantAllocation_grantId_idx" ON "GrantAllocation"("grantId");

-- CreateIndex
CREATE INDEX "ReservationAllocation_grantId_idx" ON "ReservationAllocation"("grantId");

-- CreateIndex
CREATE INDEX "CreditTransaction_walletId_createdAt_id_idx" ON "CreditTransaction"("walletId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "CreditTransaction_walletId_reference_key" ON "CreditTransaction"("walletId", "reference");

-- CreateIndex
CREATE INDEX "Order_walletId_idx" ON "Order"("walletId");

-- CreateIndex
CREATE INDEX "Reservation_walletId_idx" ON "Reservation"("walletId");

-- AddForeignKey
ALTER TABLE "Wallet" ADD CONSTRAINT "Wallet_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditGrant" ADD CONSTRAINT "CreditGrant_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditGrant" ADD CONSTRAINT "CreditGrant_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantAllocation" ADD CONSTRAINT "GrantAllocation_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "CreditTransaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantAllocation" ADD CONSTRAINT "GrantAllocation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReservationAllocation" ADD CONSTRAINT "ReservationAllocation_reservationId_fkey" FOREIGN KEY ("reservationId") REFERENCES "Reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReservationAllocation" ADD CONSTRAINT "ReservationAllocation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditTransaction" ADD CONSTRAINT "CreditTransaction_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

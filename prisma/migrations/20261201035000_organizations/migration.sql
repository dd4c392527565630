-- Organizations and team wallets: organizations, memberships with roles and spend limits, the member
-- usage counters the credit hold checks limits against, organization API keys, and billing addresses
-- per wallet (an organization has its own).

-- CreateEnum
CREATE TYPE "OrganizationRole" AS ENUM ('OWNER', 'BILLING_ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "SpendLimitPeriod" AS ENUM ('DAY', 'WEEK', 'MONTH');

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "OrganizationRole" NOT NULL,
    "spendLimitCredits" INTEGER,
    "spendLimitPeriod" "SpendLimitPeriod",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("organizationId", "userId"),
    -- A limit is both numbers or neither.
    CONSTRAINT "Membership_spendLimit_check" CHECK (
        ("spendLimitCredits" IS NULL AND "spendLimitPeriod" IS NULL)
        OR ("spendLimitCredits" >= 0 AND "spendLimitPeriod" IS NOT NULL))
);

-- CreateTable
CREATE TABLE "MemberUsageCounter" (
    "walletId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "period" "SpendLimitPeriod" NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "settled" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MemberUsageCounter_pkey" PRIMARY KEY ("walletId", "userId", "period", "periodStart"),
    CONSTRAINT "MemberUsageCounter_counters_check" CHECK ("settled" >= 0 AND "held" >= 0)
);

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- The organization wallet's owner (the column came with wallets, without its table).
ALTER TABLE "Wallet" ADD CONSTRAINT "Wallet_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Organization API keys.
ALTER TABLE "ApiKey" ADD COLUMN "organizationId" UUID;
CREATE INDEX "ApiKey_organizationId_idx" ON "ApiKey"("organizationId");
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Billing addresses belong to a wallet; userId stays as who saved it last.
ALTER TABLE "BillingAddress" ADD COLUMN "walletId" UUID;
UPDATE "BillingAddress" a SET "walletId" = w.id FROM "Wallet" w WHERE w."userId" = a."userId";
ALTER TABLE "BillingAddress" ALTER COLUMN "walletId" SET NOT NULL;
DROP INDEX "BillingAddress_userId_key";
CREATE INDEX "BillingAddress_userId_idx" ON "BillingAddress"("userId");
CREATE UNIQUE INDEX "BillingAddress_walletId_key" ON "BillingAddress"("walletId");
ALTER TABLE "BillingAddress" ADD CONSTRAINT "BillingAddress_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

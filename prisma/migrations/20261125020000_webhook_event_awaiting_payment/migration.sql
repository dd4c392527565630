-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "awaitingPaymentId" TEXT;

-- CreateIndex
CREATE INDEX "WebhookEvent_provider_awaitingPaymentId_idx" ON "WebhookEvent"("provider", "awaitingPaymentId");

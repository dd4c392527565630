-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "normalized" JSONB;

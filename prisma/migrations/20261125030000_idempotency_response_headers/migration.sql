-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "responseHeaders" JSONB;

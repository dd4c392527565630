-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "amountPaid" INTEGER;

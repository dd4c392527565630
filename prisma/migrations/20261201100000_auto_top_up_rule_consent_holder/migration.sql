-- The user who enabled a rule (its consent holder; top-up orders are made in their name) may delete their
-- account while the rule lives on with an organization's wallet. The rule then keeps no dangling id: it
-- forgets the user, and the worker disables it instead of failing on every attempt (docs/organizations.md).
ALTER TABLE "AutoTopUpRule" ALTER COLUMN "userId" DROP NOT NULL;

UPDATE "AutoTopUpRule" r SET "userId" = NULL
WHERE r."userId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = r."userId");

-- AddForeignKey
ALTER TABLE "AutoTopUpRule" ADD CONSTRAINT "AutoTopUpRule_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

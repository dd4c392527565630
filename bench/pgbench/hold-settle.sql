-- The ceilings for scenarios A and B: exactly the two statements one charged request runs
-- (CreditsRepository.hold, then CreditsRepository.settle), each its own autocommit transaction as in the
-- service, for a random user of a seeded cohort (ids 00000000-0000-4000-8000-<first … first+users-1>, see
-- bench/support/bench-seed.ts). A: 1,000 users; B: one hot user whose balance never runs out, so every
-- request takes the same row lock twice. The cohort comes in as -D first=… -D users=….
-- Run with -M simple: pgbench substitutes :variables into the text, values the service sends as parameters.
\set n :first + random(0, :users - 1)
WITH held AS (
  UPDATE "User" SET "creditsReserved" = "creditsReserved" + 10, "updatedAt" = now()
  WHERE id = '00000000-0000-4000-8000-:n'::uuid AND "creditsTotal" - "creditsUsed" - "creditsReserved" >= 10
  RETURNING id, "creditsTotal" - "creditsUsed" - "creditsReserved" AS remaining
), reservation AS (
  INSERT INTO "Reservation" (id, "userId", amount, status, route, "expiresAt")
  SELECT gen_random_uuid(), held.id, 10, 'PENDING', 'POST /api/ai/generate', now() + make_interval(secs => 300)
  FROM held
  RETURNING id
)
SELECT reservation.id AS "reservationId", held.remaining FROM held, reservation
UNION ALL
SELECT NULL, "creditsTotal" - "creditsUsed" - "creditsReserved" FROM "User"
WHERE id = '00000000-0000-4000-8000-:n'::uuid AND NOT EXISTS (SELECT 1 FROM held) \gset
WITH settled AS (
  UPDATE "Reservation"
  SET status = 'SETTLED', "settledAmount" = LEAST(GREATEST(10, 0), amount), "updatedAt" = now()
  WHERE id = ':reservationId'::uuid AND status = 'PENDING'
  RETURNING id, "userId", amount, "settledAmount", route
), charged AS (
  UPDATE "User" u
  SET "creditsUsed" = u."creditsUsed" + s."settledAmount",
      "creditsReserved" = u."creditsReserved" - s.amount,
      "updatedAt" = now()
  FROM settled s
  WHERE u.id = s."userId"
  RETURNING u.id AS "userId", s.id AS "reservationId", s."settledAmount" AS charged, s.route,
            u."creditsTotal" - u."creditsUsed" AS balance,
            u."creditsTotal" - u."creditsUsed" - u."creditsReserved" AS remaining
), usage AS (
  INSERT INTO "CreditTransaction" (id, "userId", type, amount, "balanceAfter", "reservationId", reference, description)
  SELECT gen_random_uuid(), "userId", 'USAGE', -charged, balance, "reservationId", 'usage:' || "reservationId", 'Usage: ' || route
  FROM charged WHERE charged > 0
)
SELECT charged, remaining FROM charged;

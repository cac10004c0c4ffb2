-- Sessions get an absolute lifetime beside the sliding one; existing sessions end 7 days after they began.
ALTER TABLE "Session" ADD COLUMN "absoluteExpiresAt" TIMESTAMP(3);
UPDATE "Session" SET "absoluteExpiresAt" = "createdAt" + INTERVAL '7 days';
ALTER TABLE "Session" ALTER COLUMN "absoluteExpiresAt" SET NOT NULL;

-- Per-key exponential backoff replaces counting rows of attempts (check and record were not atomic).
DROP TABLE "LoginAttempt";

CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "TrustedDevice" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustedDevice_pkey" PRIMARY KEY ("tokenHash")
);

CREATE INDEX "TrustedDevice_userId_idx" ON "TrustedDevice"("userId");

ALTER TABLE "TrustedDevice" ADD CONSTRAINT "TrustedDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An operator may end a step's wait early (a decommission's drain): when, and who. The step reads it while it waits.

-- AlterTable
ALTER TABLE "JobStep" ADD COLUMN "stopWaitingAt" TIMESTAMP(3),
ADD COLUMN "stopWaitingById" TEXT;

-- AddForeignKey
ALTER TABLE "JobStep" ADD CONSTRAINT "JobStep_stopWaitingById_fkey" FOREIGN KEY ("stopWaitingById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

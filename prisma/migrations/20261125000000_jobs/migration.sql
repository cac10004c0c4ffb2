-- CreateEnum
CREATE TYPE "JobState" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted');

-- CreateEnum
CREATE TYPE "JobStepState" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled', 'interrupted');

-- CreateEnum
CREATE TYPE "LogStream" AS ENUM ('stdout', 'stderr', 'info');

-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "deployedRevisionId" TEXT,
ADD COLUMN "deployedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" "JobState" NOT NULL DEFAULT 'queued',
    "clusterId" TEXT,
    "revisionId" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,
    "summary" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "workerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "attempt" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobStep" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "hostId" TEXT,
    "hostName" TEXT,
    "state" "JobStepState" NOT NULL DEFAULT 'pending',
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "exitCode" INTEGER,
    "error" TEXT,
    "changed" BOOLEAN,
    "progress" DOUBLE PRECISION,
    "detail" JSONB,

    CONSTRAINT "JobStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLogLine" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "stepId" TEXT,
    "stream" "LogStream" NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobLogLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Job_clusterId_createdAt_idx" ON "Job"("clusterId", "createdAt");

-- CreateIndex
CREATE INDEX "Job_state_idx" ON "Job"("state");

-- CreateIndex
CREATE UNIQUE INDEX "JobStep_jobId_key_key" ON "JobStep"("jobId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "JobLogLine_jobId_seq_key" ON "JobLogLine"("jobId", "seq");

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_deployedRevisionId_fkey" FOREIGN KEY ("deployedRevisionId") REFERENCES "ClusterRevision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ClusterRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobStep" ADD CONSTRAINT "JobStep_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobLogLine" ADD CONSTRAINT "JobLogLine_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The console's cached per-cluster index of topics and consumer groups, lag samples for the group chart, and the
-- index's freshness. Every row goes with its cluster.

-- CreateEnum
CREATE TYPE "ConsoleTopicType" AS ENUM ('normal', 'retry', 'dlq', 'system');

-- CreateTable
CREATE TABLE "ConsoleTopic" (
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "ConsoleTopicType" NOT NULL,
    "brokerNames" TEXT[],
    "readQueueNums" INTEGER NOT NULL,
    "writeQueueNums" INTEGER NOT NULL,
    "perm" INTEGER NOT NULL,
    "order" BOOLEAN NOT NULL,
    "messages" BIGINT NOT NULL,
    "lastUpdatedAt" TIMESTAMP(3),
    "consumerGroups" TEXT[],
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsoleTopic_pkey" PRIMARY KEY ("clusterId", "name")
);

-- CreateTable
CREATE TABLE "ConsoleGroup" (
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "online" BOOLEAN NOT NULL,
    "clients" INTEGER NOT NULL,
    "messageModel" TEXT,
    "consumeTps" DOUBLE PRECISION NOT NULL,
    "lag" BIGINT NOT NULL,
    "topics" TEXT[],
    "brokerNames" TEXT[],
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsoleGroup_pkey" PRIMARY KEY ("clusterId", "name")
);

-- CreateTable
CREATE TABLE "ConsoleLagSample" (
    "id" BIGSERIAL NOT NULL,
    "clusterId" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "lag" BIGINT NOT NULL,

    CONSTRAINT "ConsoleLagSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleIndexState" (
    "clusterId" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "brokerCalls" INTEGER,
    "error" TEXT,
    "errorMessage" JSONB,

    CONSTRAINT "ConsoleIndexState_pkey" PRIMARY KEY ("clusterId")
);

-- CreateIndex
CREATE INDEX "ConsoleTopic_clusterId_type_idx" ON "ConsoleTopic"("clusterId", "type");

-- CreateIndex
CREATE INDEX "ConsoleLagSample_clusterId_group_at_idx" ON "ConsoleLagSample"("clusterId", "group", "at");

-- CreateIndex
CREATE INDEX "ConsoleLagSample_at_idx" ON "ConsoleLagSample"("at");

-- AddForeignKey
ALTER TABLE "ConsoleTopic" ADD CONSTRAINT "ConsoleTopic_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleGroup" ADD CONSTRAINT "ConsoleGroup_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleLagSample" ADD CONSTRAINT "ConsoleLagSample_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleIndexState" ADD CONSTRAINT "ConsoleIndexState_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

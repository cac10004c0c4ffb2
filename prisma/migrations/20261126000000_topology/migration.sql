-- CreateTable
CREATE TABLE "AttachedCluster" (
    "clusterId" TEXT NOT NULL,
    "nameServers" TEXT[],
    "datacenterId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachedCluster_pkey" PRIMARY KEY ("clusterId")
);

-- CreateTable
CREATE TABLE "TopologyState" (
    "clusterId" TEXT NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "snapshot" JSONB,
    "snapshotAt" TIMESTAMP(3),
    "layout" JSONB,

    CONSTRAINT "TopologyState_pkey" PRIMARY KEY ("clusterId")
);

-- CreateTable
CREATE TABLE "TopologyEvent" (
    "id" BIGSERIAL NOT NULL,
    "clusterId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "groupName" TEXT,
    "selfId" TEXT,
    "message" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "TopologyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSample" (
    "id" BIGSERIAL NOT NULL,
    "clusterId" TEXT NOT NULL,
    "nodeKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "putTps" DOUBLE PRECISION,
    "getTps" DOUBLE PRECISION,
    "diskRatio" DOUBLE PRECISION,

    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttachedCluster_datacenterId_idx" ON "AttachedCluster"("datacenterId");

-- CreateIndex
CREATE INDEX "TopologyEvent_clusterId_id_idx" ON "TopologyEvent"("clusterId", "id");

-- CreateIndex
CREATE INDEX "MetricSample_clusterId_nodeKey_at_idx" ON "MetricSample"("clusterId", "nodeKey", "at");

-- CreateIndex
CREATE INDEX "MetricSample_at_idx" ON "MetricSample"("at");

-- AddForeignKey
ALTER TABLE "AttachedCluster" ADD CONSTRAINT "AttachedCluster_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttachedCluster" ADD CONSTRAINT "AttachedCluster_datacenterId_fkey" FOREIGN KEY ("datacenterId") REFERENCES "Datacenter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopologyState" ADD CONSTRAINT "TopologyState_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopologyEvent" ADD CONSTRAINT "TopologyEvent_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSample" ADD CONSTRAINT "MetricSample_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "brokerClusterName" TEXT NOT NULL,
    "rocketmqVersion" TEXT NOT NULL,
    "draft" JSONB,
    "draftStep" INTEGER NOT NULL DEFAULT 1,
    "desiredRevisionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterRevision" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "files" JSONB NOT NULL,
    "lint" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClusterRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NameServerNode" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "port" INTEGER NOT NULL,

    CONSTRAINT "NameServerNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrokerGroup" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "brokerName" TEXT NOT NULL,
    "datacenterId" TEXT NOT NULL,

    CONSTRAINT "BrokerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrokerNode" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "selfId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "listenPort" INTEGER NOT NULL,
    "dLegerPort" INTEGER NOT NULL,
    "storePathRootDir" TEXT NOT NULL,
    "storePathCommitLog" TEXT NOT NULL,
    "heapMb" INTEGER NOT NULL,
    "extraProperties" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "BrokerNode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_desiredRevisionId_key" ON "Cluster"("desiredRevisionId");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterRevision_clusterId_number_key" ON "ClusterRevision"("clusterId", "number");

-- CreateIndex
CREATE INDEX "NameServerNode_hostId_idx" ON "NameServerNode"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "NameServerNode_clusterId_hostId_port_key" ON "NameServerNode"("clusterId", "hostId", "port");

-- CreateIndex
CREATE INDEX "BrokerGroup_datacenterId_idx" ON "BrokerGroup"("datacenterId");

-- CreateIndex
CREATE UNIQUE INDEX "BrokerGroup_clusterId_brokerName_key" ON "BrokerGroup"("clusterId", "brokerName");

-- CreateIndex
CREATE INDEX "BrokerNode_hostId_idx" ON "BrokerNode"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "BrokerNode_groupId_selfId_key" ON "BrokerNode"("groupId", "selfId");

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_desiredRevisionId_fkey" FOREIGN KEY ("desiredRevisionId") REFERENCES "ClusterRevision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterRevision" ADD CONSTRAINT "ClusterRevision_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterRevision" ADD CONSTRAINT "ClusterRevision_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NameServerNode" ADD CONSTRAINT "NameServerNode_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NameServerNode" ADD CONSTRAINT "NameServerNode_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrokerGroup" ADD CONSTRAINT "BrokerGroup_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrokerGroup" ADD CONSTRAINT "BrokerGroup_datacenterId_fkey" FOREIGN KEY ("datacenterId") REFERENCES "Datacenter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrokerNode" ADD CONSTRAINT "BrokerNode_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "BrokerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrokerNode" ADD CONSTRAINT "BrokerNode_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Revisions are immutable: what was reviewed is what gets deployed. (Hand-added; Prisma does not model triggers.)
CREATE FUNCTION "ClusterRevision_refuse_update"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'cluster revisions are immutable; save a new revision instead';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ClusterRevision_immutable" BEFORE UPDATE ON "ClusterRevision"
  FOR EACH ROW EXECUTE FUNCTION "ClusterRevision_refuse_update"();

-- The last drift check of each deployed cluster: what its hosts run compared with the deployed revision.

-- CreateTable
CREATE TABLE "ClusterDrift" (
    "clusterId" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "revision" INTEGER NOT NULL,
    "inSync" BOOLEAN NOT NULL,
    "hostsChecked" INTEGER NOT NULL,
    "items" JSONB NOT NULL,

    CONSTRAINT "ClusterDrift_pkey" PRIMARY KEY ("clusterId")
);

-- AddForeignKey
ALTER TABLE "ClusterDrift" ADD CONSTRAINT "ClusterDrift_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

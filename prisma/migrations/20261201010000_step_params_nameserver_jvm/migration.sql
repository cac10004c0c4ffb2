-- A job step carries its own parameters (a node operation's step names the process it acts on) instead of a key
-- that encodes them.
ALTER TABLE "JobStep" ADD COLUMN "params" JSONB NOT NULL DEFAULT '{}';

-- Steps of node operations created before: the process is what follows "<action>:" in the key.
UPDATE "JobStep" AS s
SET "params" = jsonb_build_object('process', substr(s."key", strpos(s."key", ':') + 1))
FROM "Job" AS j
WHERE j.id = s."jobId" AND j.kind IN ('restart', 'stop', 'start', 'apply');

-- The NameServers' JVM options are the cluster's, recorded when a deploy succeeds (beside its deployed revision),
-- instead of being looked up in the params of the last successful deploy job.
ALTER TABLE "Cluster" ADD COLUMN "deployedNameServerJvmOptions" TEXT;

UPDATE "Cluster" AS c
SET "deployedNameServerJvmOptions" = (
    SELECT j.params ->> 'nameServerJvmOptions'
    FROM "Job" AS j
    WHERE j."clusterId" = c.id AND j.kind = 'deploy' AND j.state = 'succeeded'
    ORDER BY j."finishedAt" DESC NULLS LAST
    LIMIT 1
);

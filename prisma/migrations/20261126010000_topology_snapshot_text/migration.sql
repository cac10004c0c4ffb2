-- AlterTable: the snapshot is stored and served as JSON text; jsonb made Postgres parse and re-print ~400 KB a second.
ALTER TABLE "TopologyState" ALTER COLUMN "snapshot" SET DATA TYPE TEXT USING "snapshot"::text;

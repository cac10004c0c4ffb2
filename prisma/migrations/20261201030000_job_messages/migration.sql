-- What a job writes for people (titles, summary, errors, the panel's own log lines) is also kept as a Message
-- (key and values), so each reader sees it in their language; the text columns keep its English. NULL on jobs
-- written before, and on a command's own output.
ALTER TABLE "Job" ADD COLUMN "titleMessage" JSONB;
ALTER TABLE "Job" ADD COLUMN "summaryMessage" JSONB;
ALTER TABLE "Job" ADD COLUMN "errorMessage" JSONB;

ALTER TABLE "JobStep" ADD COLUMN "titleMessage" JSONB;
ALTER TABLE "JobStep" ADD COLUMN "errorMessage" JSONB;

ALTER TABLE "JobLogLine" ADD COLUMN "message" JSONB;

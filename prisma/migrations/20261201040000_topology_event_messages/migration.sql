-- Each topology event's text as a message key and values, rendered in the reader's language; NULL for events
-- written before, which keep only their English "message".
ALTER TABLE "TopologyEvent" ADD COLUMN "text" JSONB;

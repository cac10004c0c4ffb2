// Where the console's pages live. Names are percent-encoded: retry and dead-letter topics hold '%', some names '|'.

export const topicsHref = (clusterId: string) => `/clusters/${clusterId}/topics`;
export const topicHref = (clusterId: string, topic: string) => `${topicsHref(clusterId)}/${encodeURIComponent(topic)}`;
export const messageHref = (clusterId: string, topic: string, messageId: string) =>
  `${topicHref(clusterId, topic)}/messages/${encodeURIComponent(messageId)}`;
export const groupsHref = (clusterId: string) => `/clusters/${clusterId}/groups`;
export const groupHref = (clusterId: string, group: string) => `${groupsHref(clusterId)}/${encodeURIComponent(group)}`;

/**
 * A name from a page's path segment. Next hands pages their params percent-encoded (route handlers get them decoded),
 * so `%RETRY%group` arrives as `%25RETRY%25group`; a segment that is not valid percent-encoding stays as it is.
 */
export function nameFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

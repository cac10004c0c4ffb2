export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate the operator most likely meant. Case is compared first because RocketMQ matches keys
 * case-sensitively ("dlegerPeers" is silently ignored); otherwise the closest key within a quarter
 * of the key's length (at least 2 edits), so "dLedgerPeers" finds "dLegerPeers".
 */
export function suggestKey(key: string, candidates: Iterable<string>): string | undefined {
  const lower = key.toLowerCase();
  const sorted = [...candidates].sort();
  const sameIgnoringCase = sorted.find((c) => c.toLowerCase() === lower);
  if (sameIgnoringCase) return sameIgnoringCase;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of sorted) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

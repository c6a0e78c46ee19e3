/**
 * Legal parameters are versioned data: each version has an effectiveFrom date, and the one in force on a
 * date is the latest that started on or before it. One rule for every module's policies.
 */
export function inForce<T extends { effectiveFrom: string }>(versions: readonly T[], date: string): T {
  const found = versionOn(versions, date);
  if (!found) throw new Error(`No policy version in force on ${date}`);
  return found;
}

/** The version in force on a date, or undefined before the first (an order's term before it was issued). */
export function versionOn<T extends { effectiveFrom: string }>(versions: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const version of versions) if (version.effectiveFrom <= date && (!found || version.effectiveFrom >= found.effectiveFrom)) found = version;
  return found;
}

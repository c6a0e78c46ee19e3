import { useEffect, useState } from 'react';

/**
 * Whether a form stays on a record's page: it shows once its condition holds, and stays after it acts and the
 * record moves on (a lien recorded, a demand issued), so that its outcome is still announced where it was given.
 */
export function useSticky(condition: boolean): boolean {
  const [hasHeld, setHeld] = useState(condition);
  useEffect(() => {
    if (condition) setHeld(true);
  }, [condition]);
  return hasHeld || condition;
}

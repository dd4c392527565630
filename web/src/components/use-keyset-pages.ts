import { useState } from 'react';

export type KeysetPages = ReturnType<typeof useKeysetPages>;

/** The cursor of the page on screen, and the way back: a stack of the cursors already followed. */
export function useKeysetPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    next: (nextCursor: string) => setCursors((stack) => [...stack, nextCursor]),
    previous: () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
  };
}

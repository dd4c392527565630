/** Array.prototype.sort's own default order (by string), spelled out for the type-aware linter. */
export function byText(a: unknown, b: unknown): number {
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

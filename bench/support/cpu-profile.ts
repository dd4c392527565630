import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: { name: string; ms: number; pct: number }[];
  topFunctions: { name: string; ms: number; pct: number }[];
  text: string;
}

/** Who a frame belongs to: an npm package, Node itself, or this service's code. */
function ownerOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const modules = frame.url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = frame.url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (frame.url.startsWith('node:')) return 'node (core)';
  if (frame.url.includes('/src/generated/')) return 'prisma (generated client)';
  if (frame.url.includes('/src/') || frame.url.includes('/bench/')) return 'forge-credits';
  return frame.url;
}

/** Self time by package and by function, from a `node --cpu-prof` profile. */
export async function summarizeCpuProfile(path: string): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    total += us;
    const owner = ownerOf(frame);
    packages.set(owner, (packages.get(owner) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} [${owner}${frame.url ? `:${frame.lineNumber + 1}` : ''}]`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, pct: (100 * us) / total }));
  const byPackage = top(packages, 15);
  const topFunctions = top(functions, 25);
  const text = [
    `busy CPU in the profile: ${(total / 1000).toFixed(0)} ms (idle excluded)`,
    'self time by owner:',
    ...byPackage.map((p) => `  ${p.pct.toFixed(1).padStart(5)} %  ${p.name}`),
    'top functions (self time):',
    ...topFunctions.map((f) => `  ${f.pct.toFixed(1).padStart(5)} %  ${f.name}`),
  ].join('\n');
  return { totalMs: total / 1000, byPackage, topFunctions, text };
}

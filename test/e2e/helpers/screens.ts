// What every e2e screen check does: save the screenshot a person looks at (test-results/screens/<name>.png,
// 1400×900) and run axe-core, failing on any serious or critical violation.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../helpers/fixtures.js';

export const SCREENS_DIR = path.join(REPO_ROOT, 'test-results', 'screens');

export async function saveScreen(page: Page, name: string): Promise<string> {
  await mkdir(SCREENS_DIR, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** axe-core's serious and critical violations on the page as "rule: target …" lines (empty when clean). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // NOTE: @axe-core/playwright types its page as playwright's; playwright-core's Page is the same object.
  const result = await new AxeBuilder({ page: page as never }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// Makes sure Playwright has a Chromium before the e2e suite: Debian's /usr/bin/chromium when
// present (Playwright cannot download browsers on every machine), else Playwright's own.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const system = '/usr/bin/chromium';
if (existsSync(system)) {
  console.log(`e2e: using ${system}`);
} else if (existsSync(chromium.executablePath())) {
  console.log(`e2e: using Playwright's Chromium at ${chromium.executablePath()}`);
} else {
  console.log('e2e: no system Chromium; installing Playwright\'s (npx playwright install chromium)…');
  try {
    execSync('npx playwright install chromium', { stdio: 'inherit' });
  } catch {
    console.error(
      'e2e: no browser. Install Debian\'s Chromium (apt-get install chromium) or let `npx playwright install chromium` download one.',
    );
    process.exit(1);
  }
}

// The web image's Content-Security-Policy in a real browser, with the real
// build and the real Keycloak: test-web-server.py --browser starts nginx with
// the rendered configuration in front of web/dist and runs this with nginx's
// URL. Chromium (Debian's, through web/'s playwright-core) opens the local
// realm's web origin http://localhost:5173 (so shop-web's redirect URIs fit),
// whose every request — the redirect back from Keycloak too — goes to nginx as
// the browser's proxy (nothing of a dev server on that port is reached), signs in as admin through
// the Keycloak login page, opens the Inbox and the Event Calendar (FullCalendar
// injects its styles) and fails on any CSP violation the page reports.
//
// usage: node deploy/images/web-csp-in-browser.mjs NGINX_URL   (stack's Keycloak running)
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const nginx = process.argv[2];
const web = process.env.WEB_ORIGIN ?? 'http://localhost:5173';
const keycloak = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8180';
const realm = process.env.KEYCLOAK_REALM ?? 'shop';
if (!nginx) {
  console.error('usage: web-csp-in-browser.mjs NGINX_URL');
  process.exit(2);
}

// Requests for the web origin (localhost) go to nginx as to a proxy (nginx serves
// absolute-form requests like any other); Keycloak (127.0.0.1) goes direct.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // <-loopback>: Chromium sends even localhost through the proxy; Keycloak's host goes direct
  proxy: { server: `http://${new URL(nginx).host}`, bypass: `<-loopback>,${new URL(keycloak).hostname}` },
  args: [
    '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    // A page behind a proxy counts as public to Chromium, which would refuse its calls to
    // Keycloak on loopback (local network access): not what a real deployment sees.
    '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessRespectPreflightResults',
  ],
});
const failures = [];
const check = (condition, what) => {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures.push(what);
};
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI || 'inline'} ${event.sourceFile}:${event.lineNumber}`));
  });
  const consoleViolations = [];
  const consoleErrors = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
    else if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  failures.diagnose = async () => {
    console.log(`  at ${page.url()}`);
    for (const line of [...consoleViolations, ...consoleErrors].slice(0, 10)) console.log(`  console: ${line.slice(0, 300)}`);
  };
  const violations = async () => [...(await page.evaluate(() => window.__cspViolations)), ...consoleViolations];

  const shell = await page.goto(`${web}/`);
  check((shell.headers()['content-security-policy'] ?? '').includes("script-src 'self'"), 'the app shell arrives with the CSP');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${keycloak}/realms/${realm}/`));
  check(true, 'sign-in: discovery fetched from the issuer (connect-src), on to the Keycloak login page');
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('admin');
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.href.startsWith(web) && !url.search.includes('code='));
  const back = await page.evaluate(() => document.querySelector('meta[name="csp-nonce"]') !== null);
  check(back, 'back from Keycloak: the app shell nginx served (its nonce in the page)');
  await page.getByRole('button', { name: 'Logout' }).waitFor();
  check(true, 'signed in: the code exchanged for tokens at the issuer (connect-src)');
  check((await violations()).length === 0, `no CSP violation after sign-in ${JSON.stringify(await violations())}`);

  await page.goto(`${web}/calendar`);
  await page.locator('.fc').first().waitFor({ timeout: 20_000 });
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.fc')).display);
  check(styled === 'flex', `FullCalendar's injected styles apply (the nonce): .fc display ${styled}`);
  await page.goto(`${web}/inbox`);
  await page.waitForLoadState('networkidle').catch(() => {});
  check((await violations()).length === 0, `no CSP violation on the Event Calendar and the Inbox ${JSON.stringify(await violations())}`);
} catch (error) {
  check(false, `the browser run: ${error.message.split('\n')[0]}`);
  await failures.diagnose?.();
} finally {
  await browser.close();
}
console.log(failures.length ? `\n${failures.length} browser check(s) failed` : '\nweb CSP in the browser: all checks passed');
process.exit(failures.length ? 1 : 0);

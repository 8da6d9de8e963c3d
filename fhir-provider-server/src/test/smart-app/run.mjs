// Drives the SMART test app in Debian's headless chromium: node run.mjs <launch URL> <user> [<patient to pick>].
// Logs in to Keycloak (password = user name), picks the patient when the picker asks, and prints the app's #result
// JSON on stdout. Exits non-zero when the app reports an error or a step times out.
import { chromium } from "playwright-core";

const [launchUrl, user, patient] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox"]
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  page.on("console", message => console.error(`[console.${message.type()}] ${message.text()}`));
  page.on("requestfailed", request => console.error(`[request failed] ${request.url()} ${request.failure()?.errorText}`));
  await page.goto(launchUrl);
  await page.waitForSelector("#kc-form-login");
  await page.fill("#username", user);
  await page.fill("#password", user);
  await Promise.all([page.waitForNavigation(), page.click("#kc-login")]);
  if (await page.locator("#sihha-patient-picker").count() > 0) {
    if (!patient) {
      throw new Error("the patient picker asks, but no patient to pick was given");
    }
    console.error(`[picker] choosing ${patient}`);
    await Promise.all([page.waitForNavigation(), page.click(`#sihha-patient-picker button[value="${patient}"]`)]);
  }
  const result = await page.waitForSelector("#result[data-state]");
  const text = await result.textContent();
  if (await result.getAttribute("data-state") !== "done") {
    throw new Error(`the app failed: ${text}`);
  }
  console.log(text);
} finally {
  await browser.close();
}

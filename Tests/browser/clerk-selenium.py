#!/usr/bin/env python3
"""A clerk signs in and records a step in a real browser (Selenium WebDriver driving headless Chromium).

Makes a register of the Flemingsberg 2007 decision with a Botkyrka registrar (bot.reg), runs `decreg serve` on a
free loopback port and, as that registrar: signs in from the list's "Sign in" link, checks that the step form offers
Botkyrka's assembly (BOT-KF) and not Huddinge's (HUD-KF), records BOT-KF's adoption on 2007-09-10 with its minutes
and an amount, and lands on the decision page showing it. Then, with the browser's session cookie, posts two steps by
hand that must be refused with 403: one for Huddinge's assembly (with a valid CSRF token) and one for Botkyrka's
without the token. Signs out and checks that the clerk's page sends it back to sign in, and that the old session
cookie, sent by hand, is refused with 401 (the server ended the session, not just the browser's cookie). Last, checks
the audit trail and that the register holds the browser's step only. Saves screenshots of the sign-in, the clerk's
page and the recorded step. Builds nothing: give it the decreg binary.

    Tests/browser/clerk-selenium.py .build/debug/decreg [SCREENSHOT-DIR]   (default .build/browser)

Needs chromium, chromedriver (Debian's chromium-driver) and the selenium package (PyPI, 4.38.0). Exit status 0 when
every check passes, 1 when one fails, 2 when something it needs is missing.
"""

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REF = "FLEMINGSBERG-2007"
ACCOUNT = "bot.reg"
PASSWORD = "flemingsberg-bot-2007"
ATTACHMENT = b"%PDF-1.4 Karta\r\n--inte en gr\xc3\xa4ns\r\n\r\n" + bytes(range(256)) * 4
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SERVING = re.compile(r"^decreg: serving the register [a-z -]*at (http://\S+)/$", re.MULTILINE)


class Failed(Exception):
    """A check that did not pass."""


def ok(what):
    print(f"clerk-selenium: ok: {what}", flush=True)


def check(condition, what, detail=""):
    if not condition:
        raise Failed(f"{what}{': ' + detail if detail else ''}")
    ok(what)


def run(decreg, env, *args, stdin=None):
    """Runs decreg with the arguments; its standard output, or Failed with what it said."""
    result = subprocess.run(
        [decreg, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        raise Failed(f"decreg {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def start_server(decreg, env, work):
    """Starts `decreg serve` on a free loopback port; the process and the address it bound."""
    log_path = work / "serve.log"
    log = open(log_path, "w", encoding="utf-8")
    server = subprocess.Popen(
        [decreg, "serve", "--host", "127.0.0.1", "--port", "0"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    log.close()
    for _ in range(150):
        match = SERVING.search(log_path.read_text(encoding="utf-8", errors="replace"))
        if match:
            return server, match.group(1)
        if server.poll() is not None:
            break
        time.sleep(0.2)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    server.kill()
    server.wait()
    raise Failed(f"decreg serve did not start:\n{text}")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Leaves a redirect as the answer (urllib then raises it as an HTTPError with its 3xx status)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def post(url, fields, cookie):
    """POSTs the form fields with the session cookie, following no redirect; the status and the start of the body."""
    opener = urllib.request.build_opener(NoRedirects)
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"decreg_session={cookie}",
        },
        method="POST",
    )
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read(500_000).decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(500_000).decode(errors="replace")


def text_of(page):
    """What an HTML answer says, for a message: its alert when it has one, else the words of its body."""
    alert = re.search(r'(?s)<[a-z]+ [^>]*role="alert"[^>]*>(.*?)</', page)
    body = alert.group(1) if alert else re.sub(r"(?s)<(style|script|head)\b.*?</\1>", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())[:200]


def browse(url, work, shots):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600", "--no-first-run",
                 "--disable-extensions", f"--user-data-dir={work / 'profile'}"):
        options.add_argument(flag)
    service = Service(executable_path=CHROMEDRIVER, log_output=str(work / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    wait = WebDriverWait(driver, 20)

    def path():
        return urllib.parse.urlsplit(driver.current_url).path

    def page_text():
        return " ".join(driver.find_element(By.TAG_NAME, "body").text.replace("\u00a0", " ").split())

    def screenshot(name):
        target = shots / name
        check(driver.save_screenshot(str(target)) and target.stat().st_size > 0, f"screenshot {target}")

    try:
        ok(f"{driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')} "
           f"driven by selenium at {url}")
        driver.get(f"{url}/?lang=en")
        link = wait.until(expected_conditions.element_to_be_clickable((By.ID, "sign-in-link")))
        check(link.text.strip() == "Sign in", "the list links to sign in", repr(link.text))
        link.click()
        wait.until(lambda d: path() == "/sign-in")
        ok(f"the link leads to {path()}")
        screenshot("clerk-1-signin.png")

        driver.find_element(By.ID, "name").send_keys(ACCOUNT)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in").click()
        try:
            wait.until(lambda d: path() == "/clerk")
        except Exception:
            raise Failed(f"signing in ended on {driver.current_url}: {page_text()[:300]}") from None
        account = driver.find_element(By.ID, "account").text.strip()
        check(account == ACCOUNT, f"signed in as {ACCOUNT} on /clerk", f"#account says {account!r}")
        cookie = driver.get_cookie("decreg_session")
        check(cookie is not None and cookie.get("value"), "the browser holds a decreg_session cookie")
        ok(f"session cookie: httpOnly={cookie.get('httpOnly')} sameSite={cookie.get('sameSite')} "
           f"secure={cookie.get('secure')}")

        bodies = [option.get_attribute("value") for option in Select(driver.find_element(By.ID, "step-body")).options]
        check("BOT-KF" in bodies, "the step form offers BOT-KF", f"offers {bodies}")
        check("HUD-KF" not in bodies, "the step form does not offer HUD-KF (Huddinge's assembly)", f"offers {bodies}")
        csrf = driver.find_element(By.CSS_SELECTOR, '#step-form input[name="csrf_token"]').get_attribute("value")
        check(bool(csrf), "the step form carries a csrf_token")
        screenshot("clerk-2-page.png")

        driver.find_element(By.ID, "step-decision").send_keys(REF)
        Select(driver.find_element(By.ID, "step-body")).select_by_value("BOT-KF")
        date = driver.find_element(By.ID, "step-date")
        check(date.get_attribute("type") == "date", "#step-date is an <input type=\"date\">",
              f"type={date.get_attribute('type')!r}")
        driver.execute_script(
            "arguments[0].value = '2007-09-10';"
            " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            " arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", date)
        check(date.get_attribute("value") == "2007-09-10", "#step-date holds 2007-09-10",
              repr(date.get_attribute("value")))
        Select(driver.find_element(By.ID, "step-outcome")).select_by_value("adopted")
        driver.find_element(By.ID, "step-minutes").send_keys("§ 98")
        driver.find_element(By.ID, "step-amounts").send_keys("2008=500 tkr")
        driver.find_element(By.ID, "step-submit").click()
        try:
            wait.until(lambda d: path() == f"/decisions/{REF}")
        except Exception:
            raise Failed(f"recording the step ended on {driver.current_url}: {page_text()[:400]}") from None
        landed = urllib.parse.urlsplit(driver.current_url)
        check(urllib.parse.parse_qs(landed.query).get("lang") == ["en"],
              f"the step form lands on /decisions/{REF}?lang=en", driver.current_url)
        text = page_text()
        for expected in ("2007-09-10", "Kommunfullmäktige i Botkyrka", "§ 98"):
            check(expected in text, f"the decision page shows {expected}")
        screenshot("clerk-3-recorded.png")

        # An attachment uploaded through the file input (multipart/form-data as the browser sends it): bytes that
        # look like a boundary and every byte value, under a file name with Swedish letters and a space.
        driver.get(f"{url}/clerk?lang=en")
        document = work / "Karta över Flemingsberg.pdf"
        document.write_bytes(ATTACHMENT)
        driver.find_element(By.ID, "attachment-decision").send_keys(REF)
        driver.find_element(By.ID, "attachment-label").send_keys("Bilaga 5")
        driver.find_element(By.ID, "attachment-title").send_keys("Karta")
        driver.find_element(By.ID, "attachment-file").send_keys(str(document))
        driver.find_element(By.ID, "attachment-submit").click()
        try:
            wait.until(lambda d: path() == f"/decisions/{REF}")
        except Exception:
            raise Failed(f"uploading the attachment ended on {driver.current_url}: {page_text()[:400]}") from None
        check("Bilaga 5" in page_text(), "the decision page lists the uploaded Bilaga 5")

        # By hand, with the browser's session: Huddinge's assembly (token valid), then Botkyrka's without a token.
        driver.get(f"{url}/clerk?lang=en")
        csrf = driver.find_element(By.CSS_SELECTOR, 'input[name="csrf_token"]').get_attribute("value")
        session = driver.get_cookie("decreg_session")["value"]
        step = {"decision": REF, "date": "2007-09-11", "outcome": "adopted"}
        status, answer = post(f"{url}/clerk/steps?lang=en", {**step, "body": "HUD-KF", "csrf_token": csrf}, session)
        check(status == 403 and "HUD-KF" in text_of(answer),
              "a POST of a step for HUD-KF (valid csrf_token) is refused with 403 naming HUD-KF",
              f"got {status}: {text_of(answer)}")
        print(f"clerk-selenium:     it said: {text_of(answer)[:160]}")
        status, answer = post(f"{url}/clerk/steps?lang=en", {**step, "body": "BOT-KF"}, session)
        check(status == 403 and "CSRF" in text_of(answer),
              "a POST of a step for BOT-KF without csrf_token is refused with 403 naming the CSRF token",
              f"got {status}: {text_of(answer)}")
        print(f"clerk-selenium:     it said: {text_of(answer)[:160]}")

        driver.get(f"{url}/clerk?lang=en")
        driver.find_element(By.ID, "sign-out").click()
        wait.until(lambda d: path() != "/clerk")
        ok(f"signed out (landed on {path()})")
        driver.get(f"{url}/clerk?lang=en")
        try:
            wait.until(lambda d: path() == "/sign-in")
        except Exception:
            raise Failed(f"after signing out /clerk?lang=en ended on {driver.current_url}") from None
        ok("after signing out /clerk?lang=en sends the browser to /sign-in")
        status, answer = post(f"{url}/clerk/steps?lang=en",
                              {**step, "date": "2007-09-12", "body": "BOT-KF", "csrf_token": csrf}, session)
        check(status == 401, "a POST with the signed-out session cookie (and its csrf_token) is refused with 401",
              f"got {status}: {text_of(answer)}")
    except Failed:
        try:
            driver.save_screenshot(str(shots / "clerk-failed.png"))
            print(f"clerk-selenium: the page at the failure ({driver.current_url}): {shots / 'clerk-failed.png'}",
                  file=sys.stderr)
        except Exception:
            pass
        raise
    finally:
        driver.quit()


def main():
    if len(sys.argv) not in (2, 3):
        print(f"usage: {sys.argv[0]} PATH/TO/decreg [SCREENSHOT-DIR]", file=sys.stderr)
        return 2
    decreg = str(Path(sys.argv[1]).resolve())
    root = Path(__file__).resolve().parents[2]
    shots = Path(sys.argv[2]) if len(sys.argv) == 3 else root / ".build" / "browser"
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            print(f"clerk-selenium: {tool} is missing (apt-get install chromium chromium-driver)", file=sys.stderr)
            return 2
    try:
        import selenium
    except ImportError:
        print("clerk-selenium: the selenium package is missing (pip install selenium==4.38.0)", file=sys.stderr)
        return 2
    shots.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="clerk-selenium."))
    env = dict(os.environ, DECREG_DB=str(work / "register.sqlite"), DECREG_BCRYPT_COST="10")
    server = None
    try:
        run(decreg, env, "init")
        run(decreg, env, "import", str(root / "Fixtures" / "flemingsberg" / "flemingsberg-2007.yaml"), "--actor", "ci")
        run(decreg, env, "account", "add", ACCOUNT, "--role", "registrar", "--party", "BOTKYRKA", "--password-stdin",
            "--actor", "ci", stdin=PASSWORD + "\n")
        ok(f"register with {REF} and the Botkyrka registrar {ACCOUNT}")
        server, url = start_server(decreg, env, work)
        ok(f"decreg serve at {url} (selenium {selenium.__version__})")

        browse(url, work, shots)

        server.terminate()
        server.wait(timeout=30)
        server = None
        verify = subprocess.run([decreg, "audit", "verify"], env=env, capture_output=True, text=True, check=False)
        check(verify.returncode == 0, "decreg audit verify exits 0",
              f"exit {verify.returncode}: {verify.stdout.strip()} {verify.stderr.strip()}")
        steps = json.loads(run(decreg, env, "step", "list", REF, "--format", "json"))
        bot = [step for step in steps if step.get("body") == "BOT-KF"]
        check(len(bot) == 1 and bot[0].get("date") == "2007-09-10",
              "the register holds one BOT-KF step, the browser's of 2007-09-10", json.dumps(bot, ensure_ascii=False))
        late = [step for step in steps if step.get("date") in ("2007-09-11", "2007-09-12")]
        check(not late, "no step dated 2007-09-11 or 2007-09-12 (the hand-made POSTs left nothing)",
              json.dumps(late, ensure_ascii=False))
        listed = json.loads(run(decreg, env, "attach", "list", REF, "--format", "json"))
        uploaded = [item for item in listed if item.get("label") == "Bilaga 5"]
        check(len(uploaded) == 1 and uploaded[0].get("sha256") == hashlib.sha256(ATTACHMENT).hexdigest()
              and uploaded[0].get("media_type") == "application/pdf",
              "the register holds the uploaded file byte for byte (SHA-256), as application/pdf",
              json.dumps(uploaded, ensure_ascii=False))
    except Failed as failure:
        print(f"clerk-selenium: FAILED: {failure}", file=sys.stderr)
        log = work / "serve.log"
        if log.exists():
            print("clerk-selenium: the server's log:", file=sys.stderr)
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"clerk-selenium: a Botkyrka registrar signed in, recorded a step and signed out in a browser; "
          f"the hand-made POSTs were refused ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

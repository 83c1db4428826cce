//! chromedriver and one headless Chromium session per simulated device. Each session gets a
//! fresh profile directory, so IndexedDB, the service worker and the login are per device.

use crate::wait::wait_until;
use crate::{fail, free_port, paths, progress, TestResult};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// A `chromedriver` process in its own process group, so dropping it also ends any Chromium
/// it launched (even if a test failed before closing its sessions).
pub struct ChromeDriver {
    port: u16,
    child: Child,
}

impl ChromeDriver {
    /// Starts chromedriver on a free port and waits until it reports ready.
    pub async fn start() -> TestResult<Self> {
        let binary = paths::chromedriver()?;
        let port = free_port()?;
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let driver = ChromeDriver { port, child };
        let status = format!("{}/status", driver.url());
        let http = reqwest::Client::new();
        wait_until("chromedriver is ready", Duration::from_secs(15), || {
            let (http, status) = (http.clone(), status.clone());
            async move {
                let body: Value = http.get(&status).send().await?.json().await?;
                Ok(body["value"]["ready"] == json!(true))
            }
        })
        .await?;
        Ok(driver)
    }

    /// The WebDriver endpoint.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// chromedriver's process id: the Chromium processes it launched descend from it.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // The group id is chromedriver's pid (process_group(0)); Chromium inherits the group.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One simulated device: a WebDriver session on a fresh Chromium profile, pointed at the app.
pub struct Browser {
    /// Who this device is, for failure messages ("butler1", "office", …).
    pub name: String,
    client: Client,
    base: String,
    driver_port: u16,
    session: Option<String>,
    _profile: TempDir,
}

impl Browser {
    /// Opens a headless Chromium with the flags of `docs/building.md` (no background networking:
    /// the network here is closed) and a fresh `--user-data-dir`.
    pub async fn open(driver: &ChromeDriver, name: &str, base_url: &str) -> TestResult<Self> {
        let profile = tempfile::Builder::new().prefix("guanjia-chrome-").tempdir()?;
        let client = session(driver, name, profile.path()).await?;
        let session = client.session_id().await?;
        progress(format_args!("{name}: browser open"));
        Ok(Browser {
            name: name.to_string(),
            client,
            base: base_url.trim_end_matches('/').to_string(),
            driver_port: driver.port,
            session,
            _profile: profile,
        })
    }

    /// Kills this device's Chromium at once (SIGKILL to every process of its profile), as a
    /// flat battery or the system reclaiming the app would: nothing is flushed or closed.
    /// Then starts a new Chromium on the same profile (its IndexedDB, its service worker and
    /// cache, its login) on a blank page, as when the app is opened again; the window has
    /// its default size.
    pub async fn crash_and_reopen(&mut self, driver: &ChromeDriver) -> TestResult {
        let flag = format!("--user-data-dir={}", self._profile.path().display());
        let killed = Command::new("pkill").args(["-KILL", "-f", "--", &flag]).status()?;
        if !killed.success() {
            return fail(format!("{}: no Chromium runs on {flag}", self.name));
        }
        let what = format!("{}: every process of the killed Chromium is gone", self.name);
        wait_until(&what, Duration::from_secs(10), || {
            let flag = flag.clone();
            async move {
                let mut found = Command::new("pgrep");
                found.args(["-f", "--", &flag]).stdout(Stdio::null());
                Ok(!found.status()?.success())
            }
        })
        .await?;
        // The old session died with its browser: nothing to end.
        self.session = None;
        self.client = session(driver, &self.name, self._profile.path()).await?;
        self.session = self.client.session_id().await?;
        progress(format_args!("{}: browser killed and opened again", self.name));
        Ok(())
    }

    /// The WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Full page load of an app path such as `/requests/abc`.
    pub async fn goto(&self, path: &str) -> TestResult {
        self.client.goto(&format!("{}{}", self.base, path)).await?;
        Ok(())
    }

    /// Runs `script` (which `return`s a JSON value) in the page and decodes the result.
    pub async fn js<T: DeserializeOwned>(&self, script: &str, args: Vec<Value>) -> TestResult<T> {
        let value = self.client.execute(script, args).await?;
        Ok(serde_json::from_value(value)?)
    }

    /// Sends a Chrome DevTools Protocol command to the page through chromedriver
    /// (`POST /session/<id>/goog/cdp/execute`) and returns its result.
    pub async fn cdp(&self, command: &str, params: Value) -> TestResult<Value> {
        let session = self.session.as_deref().ok_or("the session is closed")?;
        let url =
            format!("http://127.0.0.1:{}/session/{session}/goog/cdp/execute", self.driver_port);
        let body = json!({ "cmd": command, "params": params });
        let reply = reqwest::Client::new().post(url).json(&body).send().await?;
        let status = reply.status();
        let mut reply: Value = reply.json().await?;
        if !status.is_success() {
            return fail(format!("{}: CDP {command}: HTTP {status}: {reply}", self.name));
        }
        Ok(reply["value"].take())
    }

    /// Saves a PNG of the window to `$GUANJIA_SHOTS/<name>.png` when that variable names a
    /// directory (the screenshots a person looks at before resolving an issue); otherwise
    /// does nothing.
    pub async fn shot(&self, name: &str) -> TestResult {
        let Some(dir) = std::env::var_os("GUANJIA_SHOTS") else { return Ok(()) };
        std::fs::create_dir_all(&dir)?;
        let path = Path::new(&dir).join(format!("{name}.png"));
        std::fs::write(path, self.client.screenshot().await?)?;
        Ok(())
    }

    /// Ends the session (Chromium exits). Errors are ignored: the test's own outcome matters.
    pub async fn close(mut self) {
        if self.session.take().is_some() {
            let _ = self.client.clone().close().await;
        }
    }
}

impl Drop for Browser {
    /// A test that failed before `close` still ends its session, with a plain blocking
    /// `DELETE /session/<id>` (no async runtime is guaranteed inside drop).
    fn drop(&mut self) {
        let Some(session) = self.session.take() else { return };
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.driver_port)) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let request = format!(
                "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
                 Content-Length: 0\r\nConnection: close\r\n\r\n",
                self.driver_port
            );
            if stream.write_all(request.as_bytes()).is_ok() {
                // chromedriver answers once the session is gone; the status line is enough
                // (it may keep the connection open, so do not read to the end).
                let mut reply = Vec::new();
                let mut chunk = [0u8; 512];
                while !reply.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => reply.extend_from_slice(&chunk[..n]),
                    }
                }
            }
        }
    }
}

/// A new WebDriver session: headless Chromium with the flags of `docs/building.md` (no
/// background networking: the network here is closed) on the profile directory `profile`.
async fn session(driver: &ChromeDriver, name: &str, profile: &Path) -> TestResult<Client> {
    let chrome = paths::chrome()?;
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chrome,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
                format!("--user-data-dir={}", profile.display()),
                "--window-size=1280,900",
            ]
        }
    });
    let caps = caps.as_object().cloned().unwrap_or_default();
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url())
        .await
        .map_err(|e| format!("{name}: cannot open a Chromium session: {e}"))?;
    Ok(client)
}

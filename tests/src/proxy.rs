//! A small TCP round-robin proxy, the load balancer of the several-instances tests: each new
//! connection goes to the next backend in turn; a backend that refuses the connection (it
//! was killed) is skipped for the next one. Bytes are copied both ways untouched, so an
//! event stream (a long-lived connection) stays on the instance it landed on, as behind a
//! real TCP load balancer.

use crate::TestResult;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// How long a backend may take to accept before it counts as dead for this connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// Where connections go: the backends, the turn, and an optional pin.
#[derive(Debug)]
struct Routes {
    backends: Vec<SocketAddr>,
    next: AtomicUsize,
    /// Some(i): every new connection goes to backend `i` only (a test placing a device's
    /// connections on one instance, as a load balancer draining the others would).
    pinned: Mutex<Option<usize>>,
    /// Connections made to each backend so far.
    made: Vec<AtomicUsize>,
    /// Connections to each backend open now.
    open: Vec<AtomicUsize>,
}

impl Routes {
    /// The backends to try for a new connection, first choice first.
    fn order(&self) -> Vec<usize> {
        if let Some(i) = *self.pinned.lock().unwrap_or_else(|p| p.into_inner()) {
            return vec![i];
        }
        let n = self.backends.len();
        let first = self.next.fetch_add(1, Ordering::SeqCst);
        (0..n).map(|k| (first + k) % n).collect()
    }
}

/// A running proxy on 127.0.0.1; stopped on drop (open connections end with it).
pub struct Proxy {
    addr: SocketAddr,
    routes: Arc<Routes>,
    accept: JoinHandle<()>,
}

impl Proxy {
    /// Listens on a free port and forwards to `backends` in turn.
    pub async fn start(backends: Vec<SocketAddr>) -> TestResult<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let counters = || backends.iter().map(|_| AtomicUsize::new(0)).collect();
        let (made, open) = (counters(), counters());
        let pinned = Mutex::new(None);
        let routes = Arc::new(Routes { next: AtomicUsize::new(0), pinned, made, open, backends });
        let accept = tokio::spawn(accept_loop(listener, routes.clone()));
        Ok(Self { addr, routes, accept })
    }

    /// The origin clients use, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Sends every new connection to backend `i` (`None`: round robin again). Connections
    /// already open stay where they are.
    pub fn pin(&self, backend: Option<usize>) {
        *self.routes.pinned.lock().unwrap_or_else(|p| p.into_inner()) = backend;
    }

    /// How many connections each backend received so far.
    pub fn connections(&self) -> Vec<usize> {
        self.routes.made.iter().map(|n| n.load(Ordering::SeqCst)).collect()
    }

    /// How many connections to each backend are open now (with a device that opens one per
    /// request: its requests in flight there).
    pub fn open_connections(&self) -> Vec<usize> {
        self.routes.open.iter().map(|n| n.load(Ordering::SeqCst)).collect()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn accept_loop(listener: TcpListener, routes: Arc<Routes>) {
    loop {
        let Ok((client, _)) = listener.accept().await else { continue };
        tokio::spawn(forward(client, routes.clone()));
    }
}

/// Connects `client` to the first backend of its turn that accepts, then copies bytes both
/// ways until either side closes. With no backend alive the client's connection is closed.
async fn forward(mut client: TcpStream, routes: Arc<Routes>) {
    for i in routes.order() {
        let connect = tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(routes.backends[i]));
        let Ok(Ok(mut backend)) = connect.await else { continue };
        routes.made[i].fetch_add(1, Ordering::SeqCst);
        routes.open[i].fetch_add(1, Ordering::SeqCst);
        let _ = client.set_nodelay(true);
        let _ = backend.set_nodelay(true);
        // Either side going away (a killed instance resets it) ends the pair.
        let _ = tokio::io::copy_bidirectional(&mut client, &mut backend).await;
        routes.open[i].fetch_sub(1, Ordering::SeqCst);
        return;
    }
}

//! A photo picked as a user would: a JPEG drawn in the page and attached to `#photo-input`
//! (through a `DataTransfer`, then a `change` event), so the app's own pick handler runs.

use crate::{Browser, TestResult};
use serde_json::Value;

/// What the attached JPEG shows.
#[derive(Debug, Clone, Copy)]
pub enum Fixture<'a> {
    /// 640×480 of one colour, labelled with it: small, and told apart by its colour.
    Plain(&'a str),
    /// 3200×2400 of noise: over 4 MB, because noise compresses badly, like a real photo.
    Noise,
    /// The same size of noise from another seed: photos that differ byte for byte.
    NoiseOf(u32),
}

/// Draws the picture into `c` (a canvas), then attaches it to the file input `arguments[1]`;
/// `arguments[0]` is the colour, or the noise's seed (a number).
const ATTACH_JS: &str = "const done = arguments[arguments.length - 1];
(async () => {
  const c = document.createElement('canvas');
  const g = c.getContext('2d');
  let quality = 0.9;
  if (typeof arguments[0] === 'number') {
    const w = 3200, h = 2400;
    c.width = w; c.height = h;
    const img = g.createImageData(w, h);
    let x = arguments[0];
    for (let i = 0; i < img.data.length; i += 4) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      img.data[i] = x & 255; img.data[i + 1] = (x >> 8) & 255; img.data[i + 2] = (x >> 16) & 255;
      img.data[i + 3] = 255;
    }
    g.putImageData(img, 0, 0);
    quality = 0.97;
  } else {
    c.width = 640; c.height = 480;
    g.fillStyle = arguments[0]; g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#000'; g.fillText(arguments[0], 20, 20);
  }
  const blob = await new Promise(r => c.toBlob(r, 'image/jpeg', quality));
  const dt = new DataTransfer();
  dt.items.add(new File([blob], 'photo.jpg', { type: 'image/jpeg' }));
  const input = document.querySelector(arguments[1]);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  done(blob.size);
})().catch(e => done('error: ' + e));";

impl Browser {
    /// Attaches a JPEG showing `fixture` to the page's `#photo-input`; returns its size in
    /// bytes.
    pub async fn attach_photo(&self, fixture: Fixture<'_>) -> TestResult<u64> {
        self.attach_photo_to("#photo-input", fixture).await
    }

    /// Attaches a JPEG showing `fixture` to the file input matching `selector` (the
    /// new-request form's `#req-photo-input`); returns its size in bytes.
    pub async fn attach_photo_to(&self, selector: &str, fixture: Fixture<'_>) -> TestResult<u64> {
        let colour = match fixture {
            Fixture::Plain(colour) => Value::from(colour),
            Fixture::Noise => Value::from(12345),
            Fixture::NoiseOf(seed) => Value::from(seed),
        };
        let size: Value =
            self.client().execute_async(ATTACH_JS, vec![colour, Value::from(selector)]).await?;
        Ok(size.as_u64().ok_or_else(|| format!("attaching a photo failed: {size}"))?)
    }
}

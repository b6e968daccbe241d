//! The few decimals the app writes, without core's float formatting. (Counts are
//! `timeline_bundle::html::format_count`, which the build's static pages use too.)

/// `x` with `places` decimals, as `format!("{x:.places$}")` writes it, but for a value
/// within a rounding error of halfway between two outputs, which may round the other way.
/// Core's float formatting (exact and shortest, with its big-number arithmetic) is over
/// 10 kB of WebAssembly, for the few lengths and sizes the app writes.
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    let scaled = (x.abs() * scale as f64).round() as u64;
    let mut out = String::new();
    if x < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&(scaled / scale).to_string());
    if places > 0 {
        out.push('.');
        let fraction = (scaled % scale).to_string();
        for _ in fraction.len()..places as usize {
            out.push('0');
        }
        out.push_str(&fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_agrees_with_core_formatting() {
        assert_eq!(fixed(0.0, 2), "0.00");
        assert_eq!(fixed(2.45, 0), "2");
        assert_eq!(fixed(-0.0004, 3), "0.000");
        assert_eq!(fixed(-1.5, 1), "-1.5");
        // The histogram's and the cloud's values: bar positions, heights and font sizes.
        for i in 0..2000 {
            let x = i as f64 * 0.7319 - 300.0;
            for places in 0..4 {
                let scaled = x.abs() * 10f64.powi(places as i32);
                if (scaled.fract() - 0.5).abs() < 1e-6 {
                    continue;
                }
                assert_eq!(
                    fixed(x, places),
                    format!("{x:.*}", places as usize),
                    "{x} {places}"
                );
            }
        }
    }
}

//! Which nodes' names are written beside them, and where: no two names and no name and
//! circle overlap, none leaves the figure. Nodes are served in the order given (the page
//! gives the chosen ones first, then by events), each trying right, left, above and below
//! its circle; a name with no free place is not written (the node keeps it as its title
//! and accessible name, and zooming in makes room). Widths are estimated from the
//! letters, generously, since the WebAssembly has no font metrics without a layout.

/// The names' font size, in pixels.
pub const SIZE: f64 = 12.0;
/// The longest name written in full; longer ones are cut with `…`.
pub const MAX_CHARS: usize = 26;

/// A rectangle: left, top, width, height.
#[derive(Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// A node to name: its centre and radius on screen, and its name as written.
pub struct Label<'a> {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub text: &'a str,
    /// A chosen node's name may cover other circles (names are drawn with a halo), so
    /// that it is written even in the crowded middle; never another name.
    pub chosen: bool,
}

/// `label` as written: cut at [`MAX_CHARS`] characters with `…`.
pub fn shown(label: &str) -> std::borrow::Cow<'_, str> {
    match label.char_indices().nth(MAX_CHARS) {
        None => label.into(),
        Some((cut, _)) => {
            let mut s = label[..cut].trim_end().to_string();
            s.push('…');
            s.into()
        }
    }
}

/// An upper bound of `text`'s width at [`SIZE`] in a sans-serif face.
pub fn width(text: &str) -> f64 {
    let ems: f64 = (text.chars())
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' | 'I' => 0.32,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' => 0.42,
            'm' | 'w' | 'M' | 'W' | '@' => 0.95,
            c if c.is_uppercase() => 0.75,
            c if c.is_ascii() => 0.6,
            // Letters outside ASCII: wide scripts (CJK) are a whole em.
            c if (c as u32) >= 0x2E80 => 1.05,
            _ => 0.7,
        })
        .sum();
    ems * SIZE + 4.0
}

/// Where each node's name goes (its box), in the order given; `None`: not written.
/// `width` × `height` is the figure.
pub fn place(nodes: &[Label], width_px: f64, height_px: f64) -> Vec<Option<Rect>> {
    let h = SIZE + 4.0;
    let circles: Vec<Rect> = (nodes.iter())
        .map(|n| Rect {
            x: n.x - n.r,
            y: n.y - n.r,
            w: 2.0 * n.r,
            h: 2.0 * n.r,
        })
        .collect();
    let mut taken: Vec<Rect> = Vec::new();
    let mut out = Vec::with_capacity(nodes.len());
    for (i, n) in nodes.iter().enumerate() {
        let w = width(n.text);
        let gap = 3.0;
        let candidates = [
            (n.x + n.r + gap, n.y - h / 2.0),
            (n.x - n.r - gap - w, n.y - h / 2.0),
            (n.x - w / 2.0, n.y - n.r - gap - h),
            (n.x - w / 2.0, n.y + n.r + gap),
        ];
        let spot = candidates
            .iter()
            .map(|&(x, y)| Rect { x, y, w, h })
            .find(|r| {
                r.x >= 0.0
                    && r.y >= 0.0
                    && r.x + r.w <= width_px
                    && r.y + r.h <= height_px
                    && !taken.iter().any(|t| t.overlaps(r))
                    && (n.chosen
                        || !(circles.iter().enumerate()).any(|(j, c)| j != i && c.overlaps(r)))
            });
        if let Some(r) = spot {
            taken.push(r);
        }
        out.push(spot);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_overlap_names_or_circles_and_stay_inside() {
        // A crowded grid of nodes with long names.
        let texts: Vec<String> = (0..120).map(|i| format!("Actor number {i} Ltd")).collect();
        let nodes: Vec<Label> = (0..120)
            .map(|i| Label {
                x: 20.0 + (i % 12) as f64 * 50.0,
                y: 20.0 + (i / 12) as f64 * 30.0,
                r: 4.0 + (i % 5) as f64,
                text: &texts[i],
                chosen: false,
            })
            .collect();
        let placed = place(&nodes, 620.0, 320.0);
        let boxes: Vec<Rect> = placed.iter().flatten().copied().collect();
        assert!(boxes.len() > 2 && boxes.len() < 120, "{}", boxes.len());
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0 && a.x + a.w <= 620.0 && a.y + a.h <= 320.0);
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "({}, {}) and ({}, {})", a.x, a.y, b.x, b.y);
            }
        }
        for (i, spot) in placed.iter().enumerate() {
            let Some(r) = spot else { continue };
            for (j, n) in nodes.iter().enumerate() {
                let c = Rect {
                    x: n.x - n.r,
                    y: n.y - n.r,
                    w: 2.0 * n.r,
                    h: 2.0 * n.r,
                };
                assert!(i == j || !r.overlaps(&c), "name {i} covers node {j}");
            }
        }
    }

    #[test]
    fn the_first_served_gets_its_first_choice() {
        let nodes = [
            Label {
                x: 100.0,
                y: 50.0,
                r: 10.0,
                text: "Alpha",
                chosen: false,
            },
            Label {
                x: 150.0,
                y: 50.0,
                r: 10.0,
                text: "Beta",
                chosen: false,
            },
        ];
        let placed = place(&nodes, 400.0, 100.0);
        // Alpha's right would run into Beta's circle, so it goes left; Beta goes right.
        assert!(placed[0].unwrap().x + placed[0].unwrap().w <= 90.0);
        assert_eq!(placed[1].unwrap().x, 163.0);
        // Chosen, Alpha may cover Beta's circle, and Beta's name then goes elsewhere.
        let [alpha, beta] = nodes;
        let chosen = [
            Label {
                chosen: true,
                ..alpha
            },
            beta,
        ];
        let placed = place(&chosen, 400.0, 100.0);
        assert_eq!(placed[0].unwrap().x, 113.0);
        assert!(!placed[0].unwrap().overlaps(&placed[1].unwrap()));
    }

    #[test]
    fn long_names_are_cut_and_wide_scripts_are_wider() {
        assert_eq!(shown("Short"), "Short");
        let long = "A very long name of an organisation indeed";
        assert_eq!(shown(long).chars().count(), MAX_CHARS + 1);
        assert!(shown(long).ends_with('…'));
        assert!(width("国务院") > width("abc"));
    }
}

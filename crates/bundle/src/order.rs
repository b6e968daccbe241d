//! One sort for everything the viewer orders (the relevance order, facet values, clouds,
//! related events). Every `sort_by` with its own closure is its own copy of the standard
//! library's sort, a few kilobytes of WebAssembly each; here there is one copy, of an
//! unstable sort of `u32` positions with a comparison passed by reference, and other lists
//! are ordered through their positions.

use std::cmp::Ordering;

/// A comparison of two positions (or event numbers). It must be a total order (break ties),
/// since the sort is unstable.
pub type Order<'a> = &'a dyn Fn(&u32, &u32) -> Ordering;

/// Sorts `v` by `order`.
pub fn sort(v: &mut [u32], order: Order) {
    v.sort_unstable_by(order);
}

/// Sorts `items` by `order`, stably (ties keep their order).
pub fn sort_items<T>(items: &mut Vec<T>, order: &dyn Fn(&T, &T) -> Ordering) {
    let mut positions = positions(items.len());
    sort(&mut positions, &|&a, &b| {
        order(&items[a as usize], &items[b as usize]).then(a.cmp(&b))
    });
    reorder(items, &positions);
}

/// Keeps the first `k` of `items` in `order` (of tied items, the earlier), in the order
/// they were in: cheaper than sorting all when a few of many are shown.
pub fn keep_first<T>(items: &mut Vec<T>, k: usize, order: &dyn Fn(&T, &T) -> Ordering) {
    if k >= items.len() {
        return;
    }
    let mut positions = positions(items.len());
    let order: Order = &|&a, &b| order(&items[a as usize], &items[b as usize]).then(a.cmp(&b));
    positions.select_nth_unstable_by(k, order);
    positions.truncate(k);
    sort(&mut positions, &|a, b| a.cmp(b));
    reorder(items, &positions);
}

fn positions(n: usize) -> Vec<u32> {
    (0..n as u32).collect()
}

/// Puts `items` in the order of `positions` (each a position in `items`, at most once),
/// dropping the others.
fn reorder<T>(items: &mut Vec<T>, positions: &[u32]) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(positions.iter().filter_map(|&p| slots[p as usize].take()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let by_first = |a: &(u8, u16), b: &(u8, u16)| b.0.cmp(&a.0);
            let mut ours = v.clone();
            sort_items(&mut ours, &by_first);
            let mut std = v.clone();
            std.sort_by(by_first);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn keeps_the_same_first_items(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200), k in 0usize..220) {
            let by_first = |a: &(u8, u16), b: &(u8, u16)| a.0.cmp(&b.0);
            let mut ours = v.clone();
            keep_first(&mut ours, k, &by_first);
            sort_items(&mut ours, &by_first);
            let mut std = v.clone();
            std.sort_by(by_first);
            std.truncate(k);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn sorts_numbers_by_a_total_order() {
        let mut v = vec![3, 1, 2, 5, 4];
        sort(&mut v, &|a, b| b.cmp(a));
        assert_eq!(v, [5, 4, 3, 2, 1]);
    }
}

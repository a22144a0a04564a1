//! `stbench bench index`'s Rust contender: std::collections::BTreeMap<Vec<u8>, u64> on the keys the Swift
//! side wrote. Usage: rust-btreemap <keys-file> <runs>. Prints one JSON object with per-run timings.
//!
//! Input (text, one item per line): "N G R L", then N keys (insert order, key i gets value i), then G
//! get-probe indices, then R lines "upper-bound<TAB>prefix" for the newest-L range scans.
//! Memory: a counting global allocator; `insert_bytes` is bytes allocated minus freed during the insert
//! phase (the keys were allocated before it and are moved in, as the Swift contenders get prebuilt keys).

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: rust-btreemap <keys-file> <runs>");
        std::process::exit(2);
    }
    let runs: usize = args[2].parse().expect("runs: expected a positive integer");
    let file = std::fs::File::open(&args[1]).expect("cannot open the keys file");
    let mut lines = BufReader::new(file).split(b'\n').map(|l| l.expect("read error"));
    let header = String::from_utf8(lines.next().expect("empty keys file")).unwrap();
    let counts: Vec<usize> = header.split(' ').map(|s| s.parse().expect("header: expected 'N G R L'")).collect();
    let (n, g, r, limit) = (counts[0], counts[1], counts[2], counts[3]);
    let keys: Vec<Vec<u8>> = (0..n).map(|_| lines.next().expect("missing key")).collect();
    let probes: Vec<usize> = (0..g)
        .map(|_| String::from_utf8(lines.next().expect("missing probe")).unwrap().parse().unwrap())
        .collect();
    let ranges: Vec<(Vec<u8>, Vec<u8>)> = (0..r)
        .map(|_| {
            let line = lines.next().expect("missing range");
            let tab = line.iter().position(|&b| b == b'\t').expect("range line without a tab");
            (line[..tab].to_vec(), line[tab + 1..].to_vec())
        })
        .collect();

    let mut out = Vec::new();
    for _ in 0..runs {
        let owned: Vec<Vec<u8>> = keys.clone(); // built before the clock starts
        let before = LIVE.load(Ordering::Relaxed);
        let start = Instant::now();
        let mut map: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        for (i, k) in owned.into_iter().enumerate() {
            map.insert(k, i as u64);
        }
        let insert = start.elapsed().as_nanos() as f64 / n as f64;
        // The moved-in keys' outer Vec was freed after the loop; count only the map's own allocations.
        let allocated = LIVE.load(Ordering::Relaxed) - before + (n * std::mem::size_of::<Vec<u8>>()) as isize;

        let start = Instant::now();
        let mut get_sum: u64 = 0;
        for &p in &probes {
            get_sum = get_sum.wrapping_add(*map.get(keys[p].as_slice()).unwrap_or(&0));
        }
        let get = start.elapsed().as_nanos() as f64 / g.max(1) as f64;

        let start = Instant::now();
        let mut range_sum: u64 = 0;
        for (upper, prefix) in &ranges {
            let mut taken = 0;
            for (k, v) in map.range::<[u8], _>((std::ops::Bound::Unbounded, std::ops::Bound::Excluded(upper.as_slice()))).rev() {
                if !k.starts_with(prefix) {
                    break;
                }
                range_sum = range_sum.wrapping_add(*v);
                taken += 1;
                if taken == limit {
                    break;
                }
            }
        }
        let range = start.elapsed().as_nanos() as f64 / r.max(1) as f64;
        out.push(format!(
            "{{\"insert_ns\":{:.1},\"get_ns\":{:.1},\"range_ns\":{:.1},\"get_checksum\":{},\"range_checksum\":{},\"insert_bytes\":{}}}",
            insert, get, range, get_sum, range_sum, allocated
        ));
        drop(map);
    }
    println!("{{\"contender\":\"Rust std BTreeMap<Vec<u8>, u64>\",\"runs\":[{}]}}", out.join(","));
}

// `stbench bench index`'s C++ contender: absl::btree_map<std::string, uint64_t> (Debian's libabsl-dev), or
// std::map when built with -DSTBENCH_STD_MAP. Usage: cpp-btree <keys-file> <runs>; prints one JSON object.
// Input format: see peers/rust-btreemap/src/main.rs.
// Memory: global operator new/delete count requested bytes; `insert_bytes` is the live-bytes delta of the
// insert phase (keys are built before it and moved into the map).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#ifdef STBENCH_STD_MAP
#include <map>
template <class K, class V> using OrderedMap = std::map<K, V>;
static const char *kName = "C++ std::map<std::string, uint64_t>";
#else
#include "absl/container/btree_map.h"
template <class K, class V> using OrderedMap = absl::btree_map<K, V>;
static const char *kName = "C++ absl::btree_map<std::string, uint64_t>";
#endif

static std::atomic<long long> live{0};

// Size-prefixed blocks so delete knows what it frees.
void *operator new(std::size_t size) {
    void *p = std::malloc(size + 16);
    if (!p) throw std::bad_alloc();
    *static_cast<std::size_t *>(p) = size;
    live.fetch_add((long long)size, std::memory_order_relaxed);
    return static_cast<char *>(p) + 16;
}
void operator delete(void *p) noexcept {
    if (!p) return;
    char *base = static_cast<char *>(p) - 16;
    live.fetch_sub((long long)*reinterpret_cast<std::size_t *>(base), std::memory_order_relaxed);
    std::free(base);
}
void operator delete(void *p, std::size_t) noexcept { operator delete(p); }

static double nanosSince(std::chrono::steady_clock::time_point start, size_t ops) {
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
    return double(ns) / double(ops ? ops : 1);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: cpp-btree <keys-file> <runs>\n");
        return 2;
    }
    int runs = std::atoi(argv[2]);
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cpp-btree: cannot open %s\n", argv[1]);
        return 2;
    }
    size_t n, g, r, limit;
    std::string line;
    std::getline(in, line);
    std::istringstream header(line);
    header >> n >> g >> r >> limit;
    std::vector<std::string> keys(n);
    for (auto &k : keys) std::getline(in, k);
    std::vector<size_t> probes(g);
    for (auto &p : probes) {
        std::getline(in, line);
        p = std::stoull(line);
    }
    std::vector<std::pair<std::string, std::string>> ranges(r);
    for (auto &rg : ranges) {
        std::getline(in, line);
        auto tab = line.find('\t');
        rg.first = line.substr(0, tab);
        rg.second = line.substr(tab + 1);
    }

    std::string out;
    for (int run = 0; run < runs; run++) {
        std::vector<std::string> owned = keys;  // built before the clock starts
        long long before = live.load();
        auto start = std::chrono::steady_clock::now();
        OrderedMap<std::string, uint64_t> map;
        for (size_t i = 0; i < n; i++) map.emplace(std::move(owned[i]), i);
        double insert = nanosSince(start, n);
        // Moved-from strings keep no heap buffer (keys exceed the small-string size), so the delta is the map's.
        long long allocated = live.load() - before;

        start = std::chrono::steady_clock::now();
        uint64_t getSum = 0;
        for (size_t p : probes) {
            auto it = map.find(keys[p]);
            if (it != map.end()) getSum += it->second;
        }
        double get = nanosSince(start, g);

        start = std::chrono::steady_clock::now();
        uint64_t rangeSum = 0;
        for (auto &rg : ranges) {
            auto it = map.lower_bound(rg.first);  // first key >= the exclusive upper bound
            size_t taken = 0;
            while (it != map.begin() && taken < limit) {
                --it;
                if (it->first.compare(0, rg.second.size(), rg.second) != 0) break;
                rangeSum += it->second;
                taken++;
            }
        }
        double range = nanosSince(start, r);
        char buffer[256];
        std::snprintf(buffer, sizeof buffer,
                      "%s{\"insert_ns\":%.1f,\"get_ns\":%.1f,\"range_ns\":%.1f,\"get_checksum\":%llu,\"range_checksum\":%llu,\"insert_bytes\":%lld}",
                      run ? "," : "", insert, get, range, (unsigned long long)getSum, (unsigned long long)rangeSum, allocated);
        out += buffer;
    }
    std::printf("{\"contender\":\"%s\",\"runs\":[%s]}\n", kName, out.c_str());
    return 0;
}

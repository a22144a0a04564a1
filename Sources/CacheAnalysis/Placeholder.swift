// CacheAnalysis: offline trace analysis.

// CacheAnalysis: placeholder until its issue lands.

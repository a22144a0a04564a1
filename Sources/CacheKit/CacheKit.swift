// CacheKit: placeholder until its issue lands.

import Testing
@testable import CacheKit

import Testing
@testable import CacheAnalysis

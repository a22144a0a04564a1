import Testing
@testable import LoadGenerator

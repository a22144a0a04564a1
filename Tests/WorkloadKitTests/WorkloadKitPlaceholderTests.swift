import Testing
@testable import WorkloadKit

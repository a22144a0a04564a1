import Testing
@testable import SingleTable

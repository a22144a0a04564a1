// SplitMix64 lives in the dependency-free `Randomness` module so that the modules that must not
// depend on WorkloadKit (EngineBench, CacheAnalysis, the engine's tests) share the one generator.
// Re-exported so that WorkloadKit's clients keep seeing it as before.
@_exported import Randomness

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread read-write lock on its own heap allocation (a pthread lock must not move in memory).
///
/// Readers of one stripe share it; writers are exclusive. Chosen over a mutex because the read patterns
/// dominate and must scale from 1 to 2 threads.
final class ReadWriteLock: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        let rc = pthread_rwlock_init(lock, nil)
        precondition(rc == 0, "pthread_rwlock_init failed with \(rc)")
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    @inline(__always) func lockRead() { pthread_rwlock_rdlock(lock) }
    @inline(__always) func lockWrite() { pthread_rwlock_wrlock(lock) }
    @inline(__always) func unlock() { pthread_rwlock_unlock(lock) }

    // Non-throwing on purpose: a generic typed-throws (`throws(E)`) version of these was miscompiled by
    // Swift 6.3.1 in debug builds (crashes inside the closure); callers that throw lock and unlock by hand.
    @inline(__always)
    func withReadLock<R>(_ body: () -> R) -> R {
        lockRead()
        let result = body()
        unlock()
        return result
    }

    @inline(__always)
    func withWriteLock<R>(_ body: () -> R) -> R {
        lockWrite()
        let result = body()
        unlock()
        return result
    }
}

/// A plain mutex, for short critical sections (stream log, table catalogue).
final class Mutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let rc = pthread_mutex_init(mutex, nil)
        precondition(rc == 0, "pthread_mutex_init failed with \(rc)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always)
    func withLock<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        let result = body()
        pthread_mutex_unlock(mutex)
        return result
    }
}

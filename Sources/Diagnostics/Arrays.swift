/// `Array(repeating: value, count: count)`, allocated by code specialized
/// for `T`. The standard library's `init(repeating:count:)` allocates
/// through an unspecialized function that looks the array's storage type
/// up in the Swift runtime's metadata cache on every call; that lookup
/// writes a reader count shared by the whole process, so two workers doing
/// it for every dossier make both cores write the same cache line.
@inlinable @inline(__always)
package func repeatedArray<T>(_ value: T, count: Int) -> [T] {
    var array: [T] = []
    array.reserveCapacity(count)
    array.append(contentsOf: repeatElement(value, count: count))
    return array
}

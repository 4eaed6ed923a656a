import Crypto
import Foundation

/// RFC 9162 (Certificate Transparency 2.0) hashing: leaf = SHA-256(0x00 ‖ data), node =
/// SHA-256(0x01 ‖ left ‖ right), and the tree head of n leaves splits at the largest power of two
/// below n.
public enum MerkleHash {
  public static func leaf(_ data: [UInt8]) -> Data {
    var h = SHA256()
    h.update(data: [0x00])
    h.update(data: data)
    return Data(h.finalize())
  }

  public static func node(_ left: Data, _ right: Data) -> Data {
    var h = SHA256()
    h.update(data: [0x01])
    h.update(data: left)
    h.update(data: right)
    return Data(h.finalize())
  }

  /// The hash of the empty tree: SHA-256 of no bytes.
  public static let empty = Data(SHA256.hash(data: Data()))

  /// MTH(D[n]) over leaf hashes.
  public static func root(_ leaves: ArraySlice<Data>) -> Data {
    switch leaves.count {
    case 0: return empty
    case 1: return leaves[leaves.startIndex]
    default:
      let k = largestPowerOfTwo(below: leaves.count)
      let mid = leaves.startIndex + k
      return node(root(leaves[leaves.startIndex..<mid]), root(leaves[mid...]))
    }
  }

  /// PATH(m, D[n]): the inclusion proof of leaf `m`.
  public static func inclusionPath(_ m: Int, _ leaves: ArraySlice<Data>) -> [Data] {
    guard leaves.count > 1 else { return [] }
    let k = largestPowerOfTwo(below: leaves.count)
    let mid = leaves.startIndex + k
    if m < k {
      return inclusionPath(m, leaves[leaves.startIndex..<mid]) + [root(leaves[mid...])]
    }
    return inclusionPath(m - k, leaves[mid...]) + [root(leaves[leaves.startIndex..<mid])]
  }

  /// PROOF(m, D[n]): the consistency proof that the first `m` leaves are a prefix.
  public static func consistencyPath(_ m: Int, _ leaves: ArraySlice<Data>) -> [Data] {
    guard m > 0, m < leaves.count else { return [] }
    return subproof(m, leaves, true)
  }

  private static func subproof(_ m: Int, _ leaves: ArraySlice<Data>, _ complete: Bool) -> [Data] {
    let n = leaves.count
    if m == n { return complete ? [] : [root(leaves)] }
    let k = largestPowerOfTwo(below: n)
    let mid = leaves.startIndex + k
    if m <= k {
      return subproof(m, leaves[leaves.startIndex..<mid], complete) + [root(leaves[mid...])]
    }
    return subproof(m - k, leaves[mid...], false) + [root(leaves[leaves.startIndex..<mid])]
  }

  /// RFC 9162 2.1.3.2: does `path` prove `leafHash` is leaf `index` of the tree with `root`?
  public static func verifyInclusion(
    leafHash: Data, index: Int64, treeSize: Int64, path: [Data], root: Data
  ) -> Bool {
    guard index >= 0, index < treeSize else { return false }
    var fn = index
    var sn = treeSize - 1
    var r = leafHash
    for p in path {
      if sn == 0 { return false }
      if fn & 1 == 1 || fn == sn {
        r = node(p, r)
        if fn & 1 == 0 {
          while fn & 1 == 0 && fn != 0 {
            fn >>= 1
            sn >>= 1
          }
        }
      } else {
        r = node(r, p)
      }
      fn >>= 1
      sn >>= 1
    }
    return sn == 0 && r == root
  }

  /// RFC 9162 2.1.4.2: does `path` prove the tree of `first` leaves (root `firstRoot`) is a
  /// prefix of the tree of `second` leaves (root `secondRoot`)?
  public static func verifyConsistency(
    first: Int64, second: Int64, firstRoot: Data, secondRoot: Data, path: [Data]
  ) -> Bool {
    guard first >= 0, first <= second else { return false }
    if first == second { return path.isEmpty && firstRoot == secondRoot }
    if first == 0 { return path.isEmpty && firstRoot == empty }
    var proof = path
    if first & (first - 1) == 0 { proof.insert(firstRoot, at: 0) }
    guard let head = proof.first else { return false }
    var fn = first - 1
    var sn = second - 1
    while fn & 1 == 1 {
      fn >>= 1
      sn >>= 1
    }
    var fr = head
    var sr = head
    for c in proof.dropFirst() {
      if sn == 0 { return false }
      if fn & 1 == 1 || fn == sn {
        fr = node(c, fr)
        sr = node(c, sr)
        if fn & 1 == 0 {
          while fn & 1 == 0 && fn != 0 {
            fn >>= 1
            sn >>= 1
          }
        }
      } else {
        sr = node(sr, c)
      }
      fn >>= 1
      sn >>= 1
    }
    return fr == firstRoot && sr == secondRoot && sn == 0
  }

  static func largestPowerOfTwo(below n: Int) -> Int {
    var k = 1
    while k << 1 < n { k <<= 1 }
    return k
  }
}

/// The right edge of a growing tree: the roots of its perfect subtrees, largest first. Appending
/// is O(log n) and the root of the tree so far is a fold over at most log2(n) hashes, so the log
/// signs a head per batch without rereading old leaves.
public struct MerkleFrontier: Sendable, Hashable {
  /// (height, hash) pairs, heights strictly decreasing.
  private var nodes: [(height: Int, hash: Data)] = []
  public private(set) var size: Int64 = 0

  public init() {}

  public init<S: Sequence>(leaves: S) where S.Element == Data {
    for leaf in leaves { append(leaf) }
  }

  public mutating func append(_ leafHash: Data) {
    var carry = (height: 0, hash: leafHash)
    while let last = nodes.last, last.height == carry.height {
      nodes.removeLast()
      carry = (carry.height + 1, MerkleHash.node(last.hash, carry.hash))
    }
    nodes.append(carry)
    size += 1
  }

  /// MTH of the leaves appended so far.
  public var root: Data {
    guard var acc = nodes.last?.hash else { return MerkleHash.empty }
    for n in nodes.dropLast().reversed() { acc = MerkleHash.node(n.hash, acc) }
    return acc
  }

  /// Height byte and hash of each node, largest first.
  public var encoded: Data {
    var out = Data(capacity: nodes.count * 33)
    for n in nodes {
      out.append(UInt8(n.height))
      out.append(n.hash)
    }
    return out
  }

  /// A frontier from `encoded`; nil unless it is well formed and covers exactly `size` leaves.
  public init?(encoded: Data, size: Int64) {
    let bytes = [UInt8](encoded)
    guard bytes.count % 33 == 0 else { return nil }
    var total: Int64 = 0
    var previous = Int.max
    for i in stride(from: 0, to: bytes.count, by: 33) {
      let height = Int(bytes[i])
      guard height < 63, height < previous else { return nil }
      previous = height
      nodes.append((height, Data(bytes[(i + 1)..<(i + 33)])))
      total += 1 << Int64(height)
    }
    guard total == size else { return nil }
    self.size = size
  }

  public static func == (a: MerkleFrontier, b: MerkleFrontier) -> Bool {
    a.size == b.size && a.nodes.map(\.hash) == b.nodes.map(\.hash)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(size)
    for n in nodes { hasher.combine(n.hash) }
  }
}

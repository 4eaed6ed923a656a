import Foundation
import Testing

@testable import Governance

/// RFC 6962/9162 reference vectors (the Certificate Transparency test leaves) and exhaustive
/// round trips of inclusion and consistency proofs over small trees.
@Suite struct MerkleTreeTests {
  static let leaves: [[UInt8]] = [
    [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
    [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
    [
      0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e,
      0x6f,
    ],
  ]
  static let roots = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  ]

  @Test func rootsMatchTheReferenceVectors() {
    let hashes = Self.leaves.map(MerkleHash.leaf)
    for n in 0...8 {
      #expect(MerkleHash.root(hashes[..<n]).hex == Self.roots[n], "size \(n)")
      #expect(MerkleFrontier(leaves: hashes[..<n]).root.hex == Self.roots[n], "frontier size \(n)")
    }
  }

  @Test func inclusionProofMatchesTheReferenceVector() {
    let hashes = Self.leaves.map(MerkleHash.leaf)
    let path = MerkleHash.inclusionPath(0, hashes[...]).map(\.hex)
    #expect(
      path == [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      ])
  }

  @Test func everyInclusionProofVerifiesAndAWrongOneFails() {
    let hashes = (0..<33).map { MerkleHash.leaf([UInt8($0), UInt8($0 &* 7)]) }
    for n in 1...33 {
      let tree = hashes[..<n]
      let root = MerkleHash.root(tree)
      for m in 0..<n {
        let path = MerkleHash.inclusionPath(m, tree)
        #expect(
          MerkleHash.verifyInclusion(
            leafHash: hashes[m], index: Int64(m), treeSize: Int64(n), path: path, root: root))
        // The wrong leaf, the wrong index, a flipped path node: all refused.
        #expect(
          !MerkleHash.verifyInclusion(
            leafHash: hashes[(m + 1) % 33], index: Int64(m), treeSize: Int64(n), path: path,
            root: root))
        if n > 1 {
          #expect(
            !MerkleHash.verifyInclusion(
              leafHash: hashes[m], index: Int64((m + 1) % n), treeSize: Int64(n), path: path,
              root: root))
          var bad = path
          bad[0][0] ^= 1
          #expect(
            !MerkleHash.verifyInclusion(
              leafHash: hashes[m], index: Int64(m), treeSize: Int64(n), path: bad, root: root))
        }
      }
    }
  }

  @Test func everyConsistencyProofVerifiesAndARewriteFails() {
    let hashes = (0..<33).map { MerkleHash.leaf([UInt8($0)]) }
    for n in 1...33 {
      for m in 1...n {
        let path = MerkleHash.consistencyPath(m, hashes[..<n])
        let oldRoot = MerkleHash.root(hashes[..<m])
        let newRoot = MerkleHash.root(hashes[..<n])
        #expect(
          MerkleHash.verifyConsistency(
            first: Int64(m), second: Int64(n), firstRoot: oldRoot, secondRoot: newRoot, path: path),
          "\(m) -> \(n)")
        if m < n {
          // A history that changed one old leaf is not consistent with the new tree.
          var rewritten = hashes
          rewritten[m - 1] = MerkleHash.leaf([0xff])
          #expect(
            !MerkleHash.verifyConsistency(
              first: Int64(m), second: Int64(n), firstRoot: MerkleHash.root(rewritten[..<m]),
              secondRoot: newRoot, path: path))
        }
      }
    }
  }
}
